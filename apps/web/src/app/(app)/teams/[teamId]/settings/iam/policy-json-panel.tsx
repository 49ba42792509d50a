'use client';

import { Button, Code, CopyButton, Group, Paper, Stack, Text, Title } from '@mantine/core';
import IconCheck from '@tabler/icons-react/icons/IconCheck';
import IconCopy from '@tabler/icons-react/icons/IconCopy';
import { ScrollBox } from '~/components/scroll-box';

/** One policy document, pretty-printed, with a button that copies exactly what is shown. */
export function PolicyJsonPanel({
  title,
  description,
  policy,
}: {
  title: string;
  description: string;
  policy: unknown;
}) {
  const json = JSON.stringify(policy, null, 2);
  return (
    <Paper withBorder p="lg">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={3} fz="lg">
              {title}
            </Title>
            <Text size="sm" c="dimmed" maw={600}>
              {description}
            </Text>
          </div>
          <CopyButton value={json}>
            {({ copied, copy }) => (
              <Button
                variant="default"
                onClick={copy}
                leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                aria-label={`Copy the ${title.toLowerCase()} as JSON`}
              >
                {copied ? 'Copied' : 'Copy JSON'}
              </Button>
            )}
          </CopyButton>
        </Group>
        <ScrollBox mah={520}>
          <Code block fz="xs">
            {json}
          </Code>
        </ScrollBox>
      </Stack>
    </Paper>
  );
}

import { Alert, Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core';

/** A new signing secret, shown once: the server never answers it again. */
export function WebhookSecretNotice({ secret, onDismiss }: { secret: string; onDismiss: () => void }) {
  return (
    <Alert color="yellow" title="Copy the signing secret now">
      <Stack gap="xs">
        <Text size="sm">It will not be shown again. Give it to the receiver so it can check signatures.</Text>
        <Code block data-testid="webhook-secret" style={{ wordBreak: 'break-all' }}>
          {secret}
        </Code>
        <Group justify="flex-end">
          <CopyButton value={secret}>
            {({ copied, copy }) => (
              <Button variant="default" size="xs" onClick={copy}>
                {copied ? 'Copied' : 'Copy'}
              </Button>
            )}
          </CopyButton>
          <Button size="xs" onClick={onDismiss}>
            Done
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

import { Anchor, Badge, Group, Popover, Stack, Text, UnstyledButton } from '@mantine/core';
import Link from 'next/link';
import { Table } from '~/components/table';
import { formatRelative, formatUtc } from '~/lib/format';

interface UserToken {
  id: string;
  name: string;
  prefix: string;
  teamId: string;
  projectId: string;
  projectName: string;
  expiresAt: Date;
  lastUsedAt: Date | null;
  status: 'active' | 'expired' | 'revoked';
}

const STATUS_COLOR = { active: 'teal', expired: 'gray', revoked: 'red' } as const;

/** The API tokens a user created: how many still work, and each one's project and last use on demand. */
export function UserTokensCell({ tokens }: { tokens: UserToken[] }) {
  if (tokens.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        none
      </Text>
    );
  }
  const active = tokens.filter((token) => token.status === 'active');
  const lastUsed = active
    .map((token) => token.lastUsedAt)
    .filter((date): date is Date => date !== null)
    .sort((a, b) => b.getTime() - a.getTime())[0];
  return (
    <Popover width={560} position="bottom-start" shadow="md" withArrow>
      <Popover.Target>
        <UnstyledButton aria-label={`${tokens.length} API tokens`}>
          <Stack gap={0}>
            <Text size="sm" td="underline" style={{ textDecorationStyle: 'dotted' }}>
              {active.length} active of {tokens.length}
            </Text>
            <Text size="xs" c="dimmed">
              {lastUsed ? `used ${formatRelative(lastUsed)}` : 'active ones never used'}
            </Text>
          </Stack>
        </UnstyledButton>
      </Popover.Target>
      <Popover.Dropdown>
        <Table verticalSpacing={4} fz="sm" aria-label="API tokens">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Token</Table.Th>
              <Table.Th>Project</Table.Th>
              <Table.Th>Last used</Table.Th>
              <Table.Th>Status</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tokens.map((token) => (
              <Table.Tr key={token.id}>
                <Table.Td>
                  <Text size="sm">{token.name}</Text>
                  <Text size="xs" c="dimmed" ff="monospace">
                    {token.prefix}…
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Anchor
                    component={Link}
                    href={`/teams/${token.teamId}/projects/${token.projectId}`}
                    size="sm"
                  >
                    {token.projectName}
                  </Anchor>
                </Table.Td>
                <Table.Td title={formatUtc(token.lastUsedAt)}>{formatRelative(token.lastUsedAt)}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    <Badge size="sm" variant="light" color={STATUS_COLOR[token.status]}>
                      {token.status}
                    </Badge>
                    {token.status === 'active' && (
                      <Text size="xs" c="dimmed" title={formatUtc(token.expiresAt)}>
                        expires {formatRelative(token.expiresAt)}
                      </Text>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Popover.Dropdown>
    </Popover>
  );
}

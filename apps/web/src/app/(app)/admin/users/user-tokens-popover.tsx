'use client';

import { Anchor, Badge, Group, Popover, Text } from '@mantine/core';
import Link from 'next/link';
import type { ReactElement } from 'react';
import { Table } from '~/components/table';
import { formatRelative, formatUtc } from '~/lib/format';
import type { UserToken } from './user-tokens-cell';

const STATUS_COLOR = { active: 'teal', expired: 'gray', revoked: 'red' } as const;

/** Each of a user's tokens with its project, last use and status; open from the moment it mounts. */
export function UserTokensPopover({ target, tokens }: { target: ReactElement; tokens: UserToken[] }) {
  return (
    <Popover width={560} position="bottom-start" shadow="md" withArrow defaultOpened>
      <Popover.Target>{target}</Popover.Target>
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

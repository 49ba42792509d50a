'use client';

import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dynamic from 'next/dynamic';
import { useState } from 'react';
import { PageHeader } from '~/components/page-header';
import { ErrorState, LoadingRows } from '~/components/states';
import { Table } from '~/components/table';
import { useViewer } from '~/components/viewer-context';
import { ROLE_COLOR, ROLE_LABEL } from '~/lib/access';
import { errorMessage } from '~/lib/errors';
import { formatRelative, formatUtc } from '~/lib/format';
import { useTRPC } from '~/trpc/client';
import { UserTokensCell } from './user-tokens-cell';

// The reason form and its input schema load after the page, before anyone is disabled.
const DisableUserModal = dynamic(
  () => import('./disable-user-modal').then((module) => module.DisableUserModal),
  { ssr: false },
);

/** The access review: everyone with an account, their teams and roles, and a way to cut access. */
export function UsersView() {
  const viewer = useViewer();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const users = useQuery(trpc.user.list.queryOptions());
  const [disabling, setDisabling] = useState<{ id: string; email: string } | null>(null);
  const setDisabled = useMutation(
    trpc.user.setDisabled.mutationOptions({
      onSuccess: async (_, input) => {
        setDisabling(null);
        notifications.show({
          color: 'teal',
          title: input.isDisabled ? 'User disabled' : 'User enabled',
          message: input.isDisabled
            ? 'Their sessions and API tokens stop working at once.'
            : 'They can sign in again.',
        });
        await queryClient.invalidateQueries({ queryKey: trpc.user.list.queryKey() });
      },
      onError: (error) =>
        notifications.show({
          color: 'red',
          title: 'Could not change the user',
          message: errorMessage(error),
        }),
    }),
  );

  return (
    <Stack maw={1400} mx="auto" gap="lg">
      <PageHeader
        crumbs={[{ label: 'Home', href: '/' }, { label: 'Users' }]}
        title="Users"
        description="The access review: everyone with an account, their teams and roles, when they last signed in and the API tokens they created. Disabling a user ends their sessions and stops their tokens."
      />
      <DisableUserModal
        user={disabling}
        isSaving={setDisabled.isPending}
        onClose={() => setDisabling(null)}
        onDisable={(input) => setDisabled.mutate(input)}
      />
      {users.isPending && <LoadingRows rows={5} />}
      {users.isError && <ErrorState error={users.error} onRetry={() => users.refetch()} />}
      {users.data && (
        <Paper withBorder>
          <Table verticalSpacing="sm" aria-label="Users">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>User</Table.Th>
                <Table.Th>Teams</Table.Th>
                <Table.Th>API tokens</Table.Th>
                <Table.Th>Last sign-in</Table.Th>
                <Table.Th aria-label="Actions" />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.data.map((user) => (
                <Table.Tr key={user.id} c={user.isDisabled ? 'dimmed' : undefined}>
                  <Table.Td>
                    <Group gap="xs">
                      <Text size="sm" fw={500}>
                        {user.name}
                      </Text>
                      {user.isOrgAdmin && (
                        <Badge color="teal" size="sm">
                          Org admin
                        </Badge>
                      )}
                      {user.isDisabled && (
                        <Badge color="red" size="sm">
                          Disabled
                        </Badge>
                      )}
                    </Group>
                    <Text size="xs" c="dimmed">
                      {user.email}
                    </Text>
                    {user.isDisabled && (
                      <Text size="xs" c="red" title={formatUtc(user.disabledAt)}>
                        Disabled {formatRelative(user.disabledAt)}
                        {user.disabledReason ? `: ${user.disabledReason}` : ''}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {user.teams.length === 0 && (
                        <Text size="sm" c="dimmed">
                          none
                        </Text>
                      )}
                      {user.teams.map((team) => (
                        <Badge key={team.teamId} color={ROLE_COLOR[team.role]} variant="light">
                          {team.name}: {ROLE_LABEL[team.role]}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <UserTokensCell tokens={user.tokens} />
                  </Table.Td>
                  <Table.Td title={formatUtc(user.lastSignInAt)}>
                    {formatRelative(user.lastSignInAt)}
                  </Table.Td>
                  <Table.Td ta="right">
                    {user.id !== viewer.id &&
                      (user.isDisabled ? (
                        <Button
                          size="xs"
                          variant="default"
                          onClick={() => setDisabled.mutate({ userId: user.id, isDisabled: false })}
                        >
                          Enable
                        </Button>
                      ) : (
                        <Button size="xs" variant="subtle" color="red" onClick={() => setDisabling(user)}>
                          Disable
                        </Button>
                      ))}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </Stack>
  );
}

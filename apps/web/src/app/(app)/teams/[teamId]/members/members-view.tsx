'use client';

import type { Role } from '@cairn/core/roles';
import { ActionIcon, Avatar, Badge, Group, NativeSelect, Paper, Stack, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import IconUserMinus from '@tabler/icons-react/icons/IconUserMinus';
import IconUsers from '@tabler/icons-react/icons/IconUsers';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dynamic from 'next/dynamic';
import { Hint } from '~/components/hint';
import { PageHeader } from '~/components/page-header';
import { EmptyPanel, ErrorState, LoadingRows } from '~/components/states';
import { Table } from '~/components/table';
import { useCurrentTeam } from '~/components/team-context';
import { useViewer } from '~/components/viewer-context';
import { can, ROLE_COLOR, ROLE_LABEL, ROLE_OPTIONS } from '~/lib/access';
import { errorMessage } from '~/lib/errors';
import { formatRelative, formatUtc, initials } from '~/lib/format';
import { useTRPC } from '~/trpc/client';

// The form and its input schema load after the page, not with it.
const AddMemberForm = dynamic(() => import('./add-member-form').then((module) => module.AddMemberForm), {
  ssr: false,
  loading: () => <LoadingRows rows={1} height={60} />,
});

export function MembersView() {
  const team = useCurrentTeam();
  const viewer = useViewer();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const canManage = can(viewer, team.id, 'member:manage');
  const members = useQuery(trpc.member.list.queryOptions({ teamId: team.id }));

  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.member.list.queryKey({ teamId: team.id }) });
    await queryClient.invalidateQueries({ queryKey: trpc.team.list.queryKey() });
  };
  const updateRole = useMutation(
    trpc.member.updateRole.mutationOptions({
      onSuccess: async (_, input) => {
        notifications.show({
          color: 'teal',
          title: 'Role changed',
          message: `New role: ${ROLE_LABEL[input.role]}`,
        });
        await refresh();
      },
      onError: (error) =>
        notifications.show({
          color: 'red',
          title: 'Could not change the role',
          message: errorMessage(error),
        }),
    }),
  );
  const remove = useMutation(
    trpc.member.remove.mutationOptions({
      onSuccess: async () => {
        notifications.show({
          color: 'teal',
          title: 'Member removed',
          message: 'They no longer have access to this team.',
        });
        await refresh();
      },
      onError: (error) =>
        notifications.show({
          color: 'red',
          title: 'Could not remove the member',
          message: errorMessage(error),
        }),
    }),
  );

  function confirmRemove(member: { userId: string; name: string; email: string }) {
    modals.openConfirmModal({
      title: `Remove ${member.name}?`,
      children: (
        <Text size="sm">
          {member.email} loses access to {team.name} and its projects at once. Their API tokens for this team
          stop working. You can add them again later.
        </Text>
      ),
      labels: { confirm: 'Remove member', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () => remove.mutate({ teamId: team.id, userId: member.userId }),
    });
  }

  return (
    <Stack maw={1200} mx="auto" gap="lg">
      <PageHeader
        crumbs={[
          { label: 'Home', href: '/' },
          { label: team.name, href: `/teams/${team.id}` },
          { label: 'Members' },
        ]}
        title="Members"
        description={
          canManage
            ? 'Who can use this team, and with which role. Every change is recorded in the audit trail.'
            : 'Who can use this team, and with which role. Only team admins can change this.'
        }
      />
      {canManage && <AddMemberForm teamId={team.id} />}
      {members.isPending && <LoadingRows rows={4} />}
      {members.isError && <ErrorState error={members.error} onRetry={() => members.refetch()} />}
      {members.data?.length === 0 && (
        <EmptyPanel
          icon={<IconUsers size={28} />}
          title="No members"
          description="This team has no members yet."
        />
      )}
      {members.data && members.data.length > 0 && (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={720}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Member</Table.Th>
                  <Table.Th w={200}>Role</Table.Th>
                  <Table.Th>Last sign-in</Table.Th>
                  <Table.Th>Joined</Table.Th>
                  {canManage && <Table.Th w={60} />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {members.data.map((member) => (
                  <Table.Tr key={member.userId}>
                    <Table.Td>
                      <Group gap="sm" wrap="nowrap">
                        <Avatar radius="xl" size={34} color={ROLE_COLOR[member.role]}>
                          {initials(member.name)}
                        </Avatar>
                        <div>
                          <Group gap={6}>
                            <Text size="sm" fw={500}>
                              {member.name}
                            </Text>
                            {member.userId === viewer.id && (
                              <Badge size="xs" color="gray">
                                You
                              </Badge>
                            )}
                            {member.isDisabled && (
                              <Badge size="xs" color="red">
                                Disabled
                              </Badge>
                            )}
                          </Group>
                          <Text size="xs" c="dimmed">
                            {member.email}
                          </Text>
                        </div>
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      {canManage ? (
                        <NativeSelect
                          aria-label={`Role of ${member.email}`}
                          data={ROLE_OPTIONS}
                          value={member.role}
                          size="xs"
                          w={150}
                          disabled={updateRole.isPending}
                          onChange={(event) => {
                            const value = event.currentTarget.value;
                            if (value !== member.role) {
                              updateRole.mutate({
                                teamId: team.id,
                                userId: member.userId,
                                role: value as Role,
                              });
                            }
                          }}
                        />
                      ) : (
                        <Badge color={ROLE_COLOR[member.role]}>{ROLE_LABEL[member.role]}</Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Hint label={formatUtc(member.lastSignInAt)} disabled={!member.lastSignInAt}>
                        <Text size="sm" c={member.lastSignInAt ? undefined : 'dimmed'}>
                          {formatRelative(member.lastSignInAt)}
                        </Text>
                      </Hint>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{formatRelative(member.joinedAt)}</Text>
                    </Table.Td>
                    {canManage && (
                      <Table.Td>
                        <Hint label="Remove from team">
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            aria-label={`Remove ${member.email}`}
                            onClick={() => confirmRemove(member)}
                          >
                            <IconUserMinus size={18} />
                          </ActionIcon>
                        </Hint>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
    </Stack>
  );
}

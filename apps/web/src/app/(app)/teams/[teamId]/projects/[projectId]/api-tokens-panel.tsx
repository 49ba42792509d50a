'use client';

import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import IconKey from '@tabler/icons-react/icons/IconKey';
import IconPlus from '@tabler/icons-react/icons/IconPlus';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dynamic from 'next/dynamic';
import { DeferredModal } from '~/components/deferred-modal';
import { EmptyPanel, ErrorState, LoadingRows } from '~/components/states';
import { Table } from '~/components/table';
import { useViewer } from '~/components/viewer-context';
import { can } from '~/lib/access';
import { errorMessage } from '~/lib/errors';
import { formatDate, formatRelative, formatUtc } from '~/lib/format';
import { useTRPC } from '~/trpc/client';

// The form and its input schema load when its modal opens, not with the page.
const CreateTokenForm = dynamic(
  () => import('./create-token-form').then((module) => module.CreateTokenForm),
  {
    ssr: false,
    loading: () => <LoadingRows rows={3} height={36} />,
  },
);

const STATUS_COLOR = { active: 'teal', expired: 'orange', revoked: 'gray' } as const;

interface ApiTokensPanelProps {
  teamId: string;
  projectId: string;
  isArchived: boolean;
}

export function ApiTokensPanel({ teamId, projectId, isArchived }: ApiTokensPanelProps) {
  const trpc = useTRPC();
  const viewer = useViewer();
  const queryClient = useQueryClient();
  const [isCreateOpen, createModal] = useDisclosure(false);
  const canWrite = can(viewer, teamId, 'token:write');
  const tokens = useQuery(trpc.token.list.queryOptions({ teamId, projectId }));
  const revoke = useMutation(
    trpc.token.revoke.mutationOptions({
      onSuccess: async () => {
        notifications.show({
          color: 'teal',
          title: 'Token revoked',
          message: 'Requests with it are refused from now on.',
        });
        await queryClient.invalidateQueries({ queryKey: trpc.token.list.queryKey({ teamId, projectId }) });
      },
      onError: (error) =>
        notifications.show({
          color: 'red',
          title: 'Could not revoke the token',
          message: errorMessage(error),
        }),
    }),
  );

  function confirmRevoke(token: { id: string; name: string }) {
    modals.openConfirmModal({
      title: `Revoke ${token.name}?`,
      children: <Text size="sm">Scripts using this token stop working at once. This cannot be undone.</Text>,
      labels: { confirm: 'Revoke token', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () => revoke.mutate({ teamId, tokenId: token.id }),
    });
  }

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <div>
          <Title order={3} fz="lg">
            API tokens
          </Title>
          <Text size="sm" c="dimmed">
            Training scripts log runs to this project with a token. The secret is shown once, when it is
            created.
          </Text>
        </div>
        {canWrite && !isArchived && (
          <Button leftSection={<IconPlus size={16} />} onClick={createModal.open}>
            New token
          </Button>
        )}
      </Group>
      {tokens.isPending && <LoadingRows rows={2} />}
      {tokens.isError && <ErrorState error={tokens.error} onRetry={() => tokens.refetch()} />}
      {tokens.data?.length === 0 && (
        <EmptyPanel
          icon={<IconKey size={28} />}
          title="No API tokens"
          description="No script can write to this project yet."
        />
      )}
      {tokens.data && tokens.data.length > 0 && (
        <Paper withBorder>
          <Table verticalSpacing="sm" aria-label="API tokens">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Token</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Created by</Table.Th>
                <Table.Th>Expires</Table.Th>
                <Table.Th>Last used</Table.Th>
                {canWrite && <Table.Th aria-label="Actions" />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tokens.data.map((token) => (
                <Table.Tr key={token.id}>
                  <Table.Td fw={500}>{token.name}</Table.Td>
                  <Table.Td>
                    <Text ff="monospace" size="sm">
                      {token.prefix}…
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLOR[token.status]} variant="light">
                      {token.status}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{token.createdBy}</Table.Td>
                  <Table.Td title={formatUtc(token.expiresAt)}>{formatDate(token.expiresAt)}</Table.Td>
                  <Table.Td title={formatUtc(token.lastUsedAt)}>{formatRelative(token.lastUsedAt)}</Table.Td>
                  {canWrite && (
                    <Table.Td ta="right">
                      {token.status === 'active' && (
                        <Button size="xs" variant="subtle" color="red" onClick={() => confirmRevoke(token)}>
                          Revoke
                        </Button>
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      <DeferredModal opened={isCreateOpen} onClose={createModal.close} title="New API token" size="lg">
        <CreateTokenForm teamId={teamId} projectId={projectId} onDone={createModal.close} />
      </DeferredModal>
    </Stack>
  );
}

'use client';

import { ActionIcon, Anchor, Badge, Button, Group, Paper, Stack, Switch, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import IconDots from '@tabler/icons-react/icons/IconDots';
import IconFlask from '@tabler/icons-react/icons/IconFlask';
import IconPlus from '@tabler/icons-react/icons/IconPlus';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import dynamic from 'next/dynamic';
import Link from 'next/link';
import { useState } from 'react';
import { ActionsMenu } from '~/components/actions-menu';
import { DeferredModal } from '~/components/deferred-modal';
import { EmptyPanel, ErrorState, LoadingRows } from '~/components/states';
import { Table } from '~/components/table';
import { useViewer } from '~/components/viewer-context';
import { can } from '~/lib/access';
import { errorMessage } from '~/lib/errors';
import { formatRelative, formatUtc } from '~/lib/format';
import { useTRPC } from '~/trpc/client';

// The form and its input schema load when its modal opens, not with the page.
const ExperimentNameForm = dynamic(
  () => import('./experiment-name-form').then((module) => module.ExperimentNameForm),
  {
    ssr: false,
    loading: () => <LoadingRows rows={3} height={36} />,
  },
);

interface ExperimentsPanelProps {
  teamId: string;
  projectId: string;
  isArchived: boolean;
}

interface RenameTarget {
  id: string;
  name: string;
}

/** The project's experiments: where training code logs its runs, through MLflow or the Cairn client. */
export function ExperimentsPanel({ teamId, projectId, isArchived }: ExperimentsPanelProps) {
  const trpc = useTRPC();
  const viewer = useViewer();
  const queryClient = useQueryClient();
  const [isDeletedShown, setDeletedShown] = useState(false);
  const [isCreateOpen, createModal] = useDisclosure(false);
  const [renameTarget, setRenameTarget] = useState<RenameTarget | null>(null);
  const canWrite = can(viewer, teamId, 'tracking:write') && !isArchived;
  const experiments = useInfiniteQuery(
    trpc.experiment.list.infiniteQueryOptions(
      { teamId, projectId, includeDeleted: isDeletedShown, limit: 50 },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.experiment.pathKey() });
  const remove = useMutation(
    trpc.experiment.delete.mutationOptions({
      onSuccess: async () => {
        notifications.show({
          color: 'teal',
          title: 'Experiment deleted',
          message: 'Its runs are hidden. Show deleted experiments to restore it.',
        });
        await invalidate();
      },
      onError: (error) =>
        notifications.show({
          color: 'red',
          title: 'Could not delete the experiment',
          message: errorMessage(error),
        }),
    }),
  );
  const restore = useMutation(
    trpc.experiment.restore.mutationOptions({
      onSuccess: invalidate,
      onError: (error) =>
        notifications.show({
          color: 'red',
          title: 'Could not restore the experiment',
          message: errorMessage(error),
        }),
    }),
  );
  const items = experiments.data?.pages.flatMap((page) => page.items) ?? [];

  function confirmDelete(experiment: RenameTarget) {
    modals.openConfirmModal({
      title: `Delete ${experiment.name}?`,
      children: (
        <Text size="sm">
          The experiment and its runs leave the list, and clients can no longer log to it. Its name stays
          taken until it is restored.
        </Text>
      ),
      labels: { confirm: 'Delete experiment', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () => remove.mutate({ teamId, experimentId: experiment.id }),
    });
  }

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <div>
          <Title order={3} fz="lg">
            Experiments
          </Title>
          <Text size="sm" c="dimmed">
            Training runs logged with MLflow or the Cairn client, with their params and metric curves.
          </Text>
        </div>
        <Group gap="sm">
          <Switch
            label="Show deleted"
            checked={isDeletedShown}
            onChange={(event) => setDeletedShown(event.currentTarget.checked)}
          />
          {canWrite && (
            <Button leftSection={<IconPlus size={16} />} variant="default" onClick={createModal.open}>
              New experiment
            </Button>
          )}
        </Group>
      </Group>
      {experiments.isPending && <LoadingRows rows={2} />}
      {experiments.isError && <ErrorState error={experiments.error} onRetry={() => experiments.refetch()} />}
      {experiments.isSuccess && items.length === 0 && (
        <EmptyPanel
          icon={<IconFlask size={28} />}
          title="No experiments"
          description="Point MLFLOW_TRACKING_URI at Cairn with an API token of this project, or create an experiment here."
        />
      )}
      {items.length > 0 && (
        <Paper withBorder>
          <Table verticalSpacing="sm" aria-label="Experiments">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th ta="right">Runs</Table.Th>
                <Table.Th>Last run</Table.Th>
                <Table.Th>Created</Table.Th>
                {canWrite && <Table.Th w={48} aria-label="Actions" />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((experiment) => {
                const isDeleted = experiment.lifecycleStage === 'deleted';
                return (
                  <Table.Tr key={experiment.id}>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Anchor
                          component={Link}
                          href={`/teams/${teamId}/projects/${projectId}/experiments/${experiment.id}`}
                          fw={500}
                          size="sm"
                          style={{ overflowWrap: 'anywhere' }}
                        >
                          {experiment.name}
                        </Anchor>
                        {isDeleted && <Badge color="gray">deleted</Badge>}
                      </Group>
                    </Table.Td>
                    <Table.Td ta="right">{experiment.runCount.toLocaleString('en-US')}</Table.Td>
                    <Table.Td title={experiment.lastRunAt ? formatUtc(experiment.lastRunAt) : undefined}>
                      {experiment.lastRunAt ? formatRelative(experiment.lastRunAt) : 'No runs yet'}
                    </Table.Td>
                    <Table.Td title={formatUtc(experiment.createdAt)}>
                      {formatRelative(experiment.createdAt)}
                    </Table.Td>
                    {canWrite && (
                      <Table.Td>
                        <ActionsMenu
                          trigger={(onClick) => (
                            <ActionIcon
                              variant="subtle"
                              color="gray"
                              aria-label={`Actions for ${experiment.name}`}
                              onClick={onClick}
                            >
                              <IconDots size={16} />
                            </ActionIcon>
                          )}
                          items={
                            isDeleted
                              ? [
                                  {
                                    key: 'restore',
                                    label: 'Restore',
                                    onClick: () => restore.mutate({ teamId, experimentId: experiment.id }),
                                  },
                                ]
                              : [
                                  {
                                    key: 'rename',
                                    label: 'Rename',
                                    onClick: () => setRenameTarget(experiment),
                                  },
                                  {
                                    key: 'delete',
                                    label: 'Delete',
                                    color: 'red',
                                    onClick: () => confirmDelete(experiment),
                                  },
                                ]
                          }
                        />
                      </Table.Td>
                    )}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {experiments.hasNextPage && (
        <Group justify="center">
          <Button
            variant="default"
            size="xs"
            loading={experiments.isFetchingNextPage}
            onClick={() => experiments.fetchNextPage()}
          >
            Load more experiments
          </Button>
        </Group>
      )}
      <DeferredModal opened={isCreateOpen} onClose={createModal.close} title="New experiment">
        <ExperimentNameForm mode="create" teamId={teamId} projectId={projectId} onDone={createModal.close} />
      </DeferredModal>
      <DeferredModal
        opened={renameTarget !== null}
        onClose={() => setRenameTarget(null)}
        title="Rename experiment"
      >
        {renameTarget && (
          <ExperimentNameForm
            mode="rename"
            teamId={teamId}
            experimentId={renameTarget.id}
            currentName={renameTarget.name}
            onDone={() => setRenameTarget(null)}
          />
        )}
      </DeferredModal>
    </Stack>
  );
}

'use client';

import { Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dynamic from 'next/dynamic';
import Link from 'next/link';
import { useEffect, useRef } from 'react';
import { DeferredModal } from '~/components/deferred-modal';
import { DetailItem } from '~/components/detail-item';
import { PageHeader } from '~/components/page-header';
import { ErrorState, LoadingRows } from '~/components/states';
import { useCurrentTeam } from '~/components/team-context';
import { useViewer } from '~/components/viewer-context';
import { can } from '~/lib/access';
import { errorMessage } from '~/lib/errors';
import { formatUtc } from '~/lib/format';
import { useTRPC } from '~/trpc/client';
import { ModelVersionsTable } from '../../model-versions-table';
import { formatDuration } from '../../run-format';
import { RunStatusBadge } from '../../run-status-badge';
import { RunCharts } from './run-charts';
import { KeyValueTable, LatestMetricsTable } from './run-tables';

// The form and its input schema load when it opens, not with the page.
const RegisterModelVersionForm = dynamic(
  () => import('./register-model-version-form').then((module) => module.RegisterModelVersionForm),
  {
    ssr: false,
    loading: () => <LoadingRows rows={3} height={36} />,
  },
);

// While a run is RUNNING its status and curves are polled; polling stops when it ends.
const POLL_WHILE_RUNNING_MS = 3_000;

export function RunView({ projectId, runId }: { projectId: string; runId: string }) {
  const team = useCurrentTeam();
  const viewer = useViewer();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const run = useQuery({
    ...trpc.run.byId.queryOptions({ teamId: team.id, runId }),
    refetchInterval: (query) => (query.state.data?.status === 'RUNNING' ? POLL_WHILE_RUNNING_MS : false),
  });
  const experimentId = run.data?.experimentId;
  const project = useQuery(trpc.project.byId.queryOptions({ teamId: team.id, projectId }));
  const experiment = useQuery({
    ...trpc.experiment.byId.queryOptions({ teamId: team.id, experimentId: experimentId ?? '' }),
    enabled: Boolean(experimentId),
  });
  const isRunning = run.data?.status === 'RUNNING';

  // The points logged between the last poll and the end of the run: fetch them once more.
  const wasRunning = useRef(isRunning);
  useEffect(() => {
    if (wasRunning.current && !isRunning)
      void queryClient.invalidateQueries({ queryKey: trpc.run.metricSeries.queryKey() });
    wasRunning.current = isRunning;
  }, [isRunning, queryClient, trpc]);

  const canWrite = can(viewer, team.id, 'tracking:write');
  const [isRegisterOpen, registerModal] = useDisclosure(false);
  const onChanged = () => queryClient.invalidateQueries({ queryKey: trpc.run.pathKey() });
  const remove = useMutation(
    trpc.run.delete.mutationOptions({
      onSuccess: onChanged,
      onError: (error) =>
        notifications.show({ color: 'red', title: 'Could not delete the run', message: errorMessage(error) }),
    }),
  );
  const restore = useMutation(
    trpc.run.restore.mutationOptions({
      onSuccess: onChanged,
      onError: (error) =>
        notifications.show({
          color: 'red',
          title: 'Could not restore the run',
          message: errorMessage(error),
        }),
    }),
  );

  if (run.isPending || project.isPending) return <LoadingRows rows={6} />;
  if (run.isError) return <ErrorState error={run.error} onRetry={() => run.refetch()} />;
  if (project.isError) return <ErrorState error={project.error} onRetry={() => project.refetch()} />;
  const current = run.data;
  const projectPath = `/teams/${team.id}/projects/${projectId}`;
  const experimentPath = `${projectPath}/experiments/${current.experimentId}`;
  const experimentName = experiment.data?.name ?? 'Experiment';
  const isDeleted = current.lifecycleStage === 'deleted';
  const title = current.name || current.id;
  const canRegister =
    can(viewer, team.id, 'project:write') &&
    current.status === 'FINISHED' &&
    !isDeleted &&
    !project.data.isArchived;

  return (
    <Stack maw={1400} mx="auto" gap="lg">
      <PageHeader
        crumbs={[
          { label: 'Home', href: '/' },
          { label: team.name, href: `/teams/${team.id}` },
          { label: 'Projects', href: `/teams/${team.id}/projects` },
          { label: project.data.name, href: projectPath },
          { label: experimentName, href: experimentPath },
          { label: title },
        ]}
        title={title}
        badge={
          <Group gap="xs" wrap="nowrap">
            <RunStatusBadge status={current.status} />
            {isDeleted && <Badge color="gray">deleted</Badge>}
          </Group>
        }
        description={
          <Text span ff="monospace" size="xs">
            {current.id}
          </Text>
        }
        actions={
          <Group gap="xs">
            {canRegister && <Button onClick={registerModal.open}>Register model</Button>}
            {canWrite ? (
              isDeleted ? (
                <Button
                  variant="default"
                  loading={restore.isPending}
                  onClick={() => restore.mutate({ teamId: team.id, runId: current.id })}
                >
                  Restore run
                </Button>
              ) : (
                <Button
                  variant="default"
                  color="red"
                  loading={remove.isPending}
                  onClick={() =>
                    modals.openConfirmModal({
                      title: `Delete ${title}?`,
                      children: (
                        <Text size="sm">
                          The run leaves the runs table and clients can no longer log to it. Show deleted runs
                          in the experiment to find and restore it.
                        </Text>
                      ),
                      labels: { confirm: 'Delete run', cancel: 'Cancel' },
                      confirmProps: { color: 'red' },
                      onConfirm: () => remove.mutate({ teamId: team.id, runId: current.id }),
                    })
                  }
                >
                  Delete run
                </Button>
              )
            ) : null}
          </Group>
        }
      />
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md" verticalSpacing="sm">
          <DetailItem label="Started">{formatUtc(current.startTime)}</DetailItem>
          <DetailItem label="Ended">
            {current.endTime ? formatUtc(current.endTime) : isRunning ? 'Still running' : '—'}
          </DetailItem>
          <DetailItem label="Duration">{formatDuration(current.startTime, current.endTime)}</DetailItem>
          <DetailItem label="User">{current.userName || '—'}</DetailItem>
          <DetailItem label="Source" isMono>
            {current.source || '—'}
          </DetailItem>
          <DetailItem label="Git commit" isMono>
            {current.gitCommit || '—'}
          </DetailItem>
          <DetailItem label="Artifact URI" isMono>
            {current.artifactUri || '—'}
          </DetailItem>
          <DetailItem label="Lineage">
            <Stack gap={2}>
              <Anchor component={Link} href={experimentPath} size="sm">
                Experiment {experiment.data?.name ?? ''}
              </Anchor>
              <Anchor component={Link} href={projectPath} size="sm">
                Project {project.data.name}
              </Anchor>
            </Stack>
          </DetailItem>
        </SimpleGrid>
      </Paper>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} fz="lg">
            Metrics
          </Title>
          {isRunning && (
            <Text size="xs" c="dimmed">
              Live: refreshing every {POLL_WHILE_RUNNING_MS / 1000} seconds while the run is running
            </Text>
          )}
        </Group>
        <LatestMetricsTable metrics={current.metrics} />
        <RunCharts teamId={team.id} runId={current.id} runName={title} isRunning={isRunning} />
      </Stack>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <KeyValueTable title="Params" items={current.params} emptyText="This run logged no params." />
        <KeyValueTable title="Tags" items={current.tags} emptyText="This run has no tags." />
      </SimpleGrid>
      <Stack gap="sm">
        <Title order={3} fz="lg">
          Model versions
        </Title>
        <ModelVersionsTable
          teamId={team.id}
          projectId={projectId}
          scope={{ runId: current.id }}
          emptyText="No model version was registered from this run."
        />
      </Stack>
      <DeferredModal
        opened={isRegisterOpen}
        onClose={registerModal.close}
        title={`Register ${title} as a model`}
        size="lg"
      >
        <RegisterModelVersionForm
          teamId={team.id}
          projectId={projectId}
          runId={current.id}
          runArtifactUri={current.artifactUri}
          onDone={registerModal.close}
        />
      </DeferredModal>
    </Stack>
  );
}

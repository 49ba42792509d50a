'use client';

import type { RunDetail } from '@cairn/services/tracking/tracking-views';
import { Alert, Anchor, Group, Paper, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { seriesColor } from '~/components/charts/series-colors';
import { PageHeader } from '~/components/page-header';
import { ErrorState, LoadingRows } from '~/components/states';
import { useCurrentTeam } from '~/components/team-context';
import { useTRPC } from '~/trpc/client';
import { RunStatusBadge } from '../run-status-badge';
import { CompareCharts } from './compare-charts';
import { FinalMetricsTable, ParamsDiffTable } from './compare-tables';

const MIN_RUNS = 2;
const MAX_RUNS = 10;

export interface ComparedRun {
  run: RunDetail;
  label: string;
  color: string;
  href: string;
}

export function CompareView({ projectId, runIds }: { projectId: string; runIds: string[] }) {
  const team = useCurrentTeam();
  const trpc = useTRPC();
  const projectPath = `/teams/${team.id}/projects/${projectId}`;
  const project = useQuery(trpc.project.byId.queryOptions({ teamId: team.id, projectId }));
  const isCountValid = runIds.length >= MIN_RUNS && runIds.length <= MAX_RUNS;
  const compare = useQuery({
    ...trpc.run.compare.queryOptions({ teamId: team.id, runIds }),
    enabled: isCountValid,
  });
  // Runs picked from one experiment's table lead back to it.
  const experimentIds = [...new Set(compare.data?.runs.map((run) => run.experimentId) ?? [])];
  const sharedExperimentId = experimentIds.length === 1 ? experimentIds[0] : undefined;
  const experiment = useQuery({
    ...trpc.experiment.byId.queryOptions({ teamId: team.id, experimentId: sharedExperimentId ?? '' }),
    enabled: sharedExperimentId !== undefined,
  });
  const crumbs = [
    { label: 'Home', href: '/' },
    { label: team.name, href: `/teams/${team.id}` },
    { label: 'Projects', href: `/teams/${team.id}/projects` },
    { label: project.data?.name ?? 'Project', href: projectPath },
    ...(experiment.data && sharedExperimentId
      ? [{ label: experiment.data.name, href: `${projectPath}/experiments/${sharedExperimentId}` }]
      : []),
    { label: 'Compare runs' },
  ];

  if (!isCountValid)
    return (
      <Stack maw={1400} mx="auto" gap="lg">
        <PageHeader crumbs={crumbs} title="Compare runs" />
        <Alert color="orange" title={`Choose ${MIN_RUNS} to ${MAX_RUNS} runs`}>
          Select the runs to compare in an experiment&apos;s runs table; this link names {runIds.length}.
        </Alert>
      </Stack>
    );
  if (compare.isPending || project.isPending) return <LoadingRows rows={6} />;
  if (compare.isError) return <ErrorState error={compare.error} onRetry={() => compare.refetch()} />;
  if (project.isError) return <ErrorState error={project.error} onRetry={() => project.refetch()} />;

  // The server answers in the order asked (a missing run is NOT_FOUND): index = color everywhere.
  const runs: ComparedRun[] = compare.data.runs.map((run, index) => ({
    run,
    label: run.name || run.id.slice(0, 8),
    color: seriesColor(index),
    href: `${projectPath}/runs/${run.id}`,
  }));

  return (
    <Stack maw={1400} mx="auto" gap="lg">
      <PageHeader crumbs={crumbs} title={`Compare ${runs.length} runs`} />
      <Paper withBorder p="sm">
        <Group gap="lg" aria-label="Runs compared" role="list">
          {runs.map((item) => (
            <Group key={item.run.id} gap={6} wrap="nowrap" role="listitem">
              <span
                aria-hidden
                style={{
                  width: 12,
                  height: 12,
                  borderRadius: 3,
                  background: item.color,
                  display: 'inline-block',
                }}
              />
              <Anchor component={Link} href={item.href} size="sm" fw={500}>
                {item.label}
              </Anchor>
              <RunStatusBadge status={item.run.status} />
            </Group>
          ))}
        </Group>
      </Paper>
      <CompareCharts teamId={team.id} runs={runs} />
      <ParamsDiffTable runs={runs} rows={compare.data.params} />
      <FinalMetricsTable runs={runs} />
    </Stack>
  );
}

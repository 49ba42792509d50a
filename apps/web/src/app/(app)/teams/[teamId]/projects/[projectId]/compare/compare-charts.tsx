'use client';

import { SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { downsampleNote } from '~/components/charts/format-metric';
import { MetricChart } from '~/components/charts/metric-chart';
import { ErrorState, LoadingRows } from '~/components/states';
import { useTRPC } from '~/trpc/client';
import type { ComparedRun } from './compare-view';

const POLL_WHILE_RUNNING_MS = 5_000;

/** One chart per metric key, one line per run, colored as in the run list above. */
export function CompareCharts({ teamId, runs }: { teamId: string; runs: ReadonlyArray<ComparedRun> }) {
  const trpc = useTRPC();
  const isAnyRunning = runs.some((item) => item.run.status === 'RUNNING');
  const series = useQuery({
    ...trpc.run.metricSeries.queryOptions({ teamId, runIds: runs.map((item) => item.run.id) }),
    enabled: runs.length > 0,
    refetchInterval: isAnyRunning ? POLL_WHILE_RUNNING_MS : false,
  });

  return (
    <Stack gap="sm">
      <Title order={3} fz="lg">
        Metric curves
      </Title>
      {series.isPending && <LoadingRows rows={2} height={220} />}
      {series.isError && <ErrorState error={series.error} onRetry={() => series.refetch()} />}
      {series.data && series.data.series.length === 0 && (
        <Text size="sm" c="dimmed">
          None of these runs logged a metric.
        </Text>
      )}
      {series.data && series.data.series.length > 0 && (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          {[...new Set(series.data.series.map((line) => line.key))].sort().map((key) => {
            const lines = runs.flatMap((item) => {
              const line = series.data.series.find(
                (entry) => entry.key === key && entry.runId === item.run.id,
              );
              return line ? [{ item, line }] : [];
            });
            const notes = lines.flatMap(({ item, line }) => {
              const note = downsampleNote(line.steps.length, line.totalPoints, line.isDownsampled);
              return note ? [`${item.label}: ${note}`] : [];
            });
            return (
              <MetricChart
                key={key}
                title={key}
                series={lines.map(({ item, line }) => ({
                  id: item.run.id,
                  label: item.label,
                  color: item.color,
                  steps: line.steps,
                  values: line.values,
                }))}
                footnote={notes.length > 0 ? notes.join('; ') : undefined}
              />
            );
          })}
        </SimpleGrid>
      )}
    </Stack>
  );
}

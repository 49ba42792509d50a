'use client';

import { SimpleGrid } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { downsampleNote } from '~/components/charts/format-metric';
import { MetricChart } from '~/components/charts/metric-chart';
import { seriesColor } from '~/components/charts/series-colors';
import { ErrorState, LoadingRows } from '~/components/states';
import { useTRPC } from '~/trpc/client';

const POLL_WHILE_RUNNING_MS = 3_000;

/** One line chart per metric key of the run, x = step; polled while the run is running. */
export function RunCharts({
  teamId,
  runId,
  runName,
  isRunning,
}: {
  teamId: string;
  runId: string;
  runName: string;
  isRunning: boolean;
}) {
  const trpc = useTRPC();
  const series = useQuery({
    ...trpc.run.metricSeries.queryOptions({ teamId, runIds: [runId] }),
    refetchInterval: isRunning ? POLL_WHILE_RUNNING_MS : false,
  });
  if (series.isPending) return <LoadingRows rows={2} height={220} />;
  if (series.isError) return <ErrorState error={series.error} onRetry={() => series.refetch()} />;
  if (series.data.series.length === 0) return null;
  const byKey = [...series.data.series].sort((a, b) => a.key.localeCompare(b.key));
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      {byKey.map((line) => (
        <MetricChart
          key={line.key}
          title={line.key}
          series={[
            { id: runId, label: runName, color: seriesColor(0), steps: line.steps, values: line.values },
          ]}
          footnote={downsampleNote(line.steps.length, line.totalPoints, line.isDownsampled)}
        />
      ))}
    </SimpleGrid>
  );
}

'use client';

import { METRIC_RANGES, type MetricRange } from '@cairn/core/monitoring/metric-ranges';
import { Group, Paper, SegmentedControl, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import dynamic from 'next/dynamic';
import { useState } from 'react';
import { ErrorState, LoadingRows } from '~/components/states';
import { useTRPC } from '~/trpc/client';
import { buildMonitoringCharts, type MonitoringChart } from './monitoring-charts';

// recharts loads once a chart shows, into a box already sized, so the page's first load goes without it.
const TimeChartPlot = dynamic(() => import('./time-chart-plot').then((module) => module.TimeChartPlot), {
  ssr: false,
});

const POLL_MS = 30_000;
export const RANGE_LABEL: Record<MetricRange, string> = {
  '1h': '1 h',
  '6h': '6 h',
  '24h': '24 h',
  '7d': '7 d',
  '30d': '30 d',
};

interface DeploymentMetricsPanelProps {
  teamId: string;
  deploymentId: string;
}

/** The deployment's endpoint metrics as line charts, one per metric group, per variant for shadow and A/B endpoints. */
export function DeploymentMetricsPanel({ teamId, deploymentId }: DeploymentMetricsPanelProps) {
  const trpc = useTRPC();
  const [range, setRange] = useState<MetricRange>('1h');
  const metrics = useQuery({
    ...trpc.monitoring.metrics.queryOptions({ teamId, deploymentId, range }),
    refetchInterval: POLL_MS,
    placeholderData: (previous) => previous,
  });
  const isLong = range === '7d' || range === '30d';
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={3}>Metrics</Title>
        <SegmentedControl
          aria-label="Time range"
          size="xs"
          value={range}
          onChange={(value) => setRange(value as MetricRange)}
          data={METRIC_RANGES.map((value) => ({ value, label: RANGE_LABEL[value] }))}
        />
      </Group>
      {metrics.isPending ? (
        <LoadingRows rows={2} height={220} />
      ) : metrics.isError ? (
        <ErrorState error={metrics.error} onRetry={() => void metrics.refetch()} />
      ) : metrics.data.series.length === 0 ? (
        <Paper withBorder p="lg">
          <Text size="sm" c="dimmed" ta="center">
            No metrics in the last {RANGE_LABEL[range]}. Cairn reads them from CloudWatch every minute while
            the endpoint is in service.
          </Text>
        </Paper>
      ) : (
        <>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            {buildMonitoringCharts(metrics.data.series).map((chart) => (
              <TimeChart key={chart.id} chart={chart} isLong={isLong} />
            ))}
          </SimpleGrid>
          {metrics.data.bucketMinutes > 1 && (
            <Text size="xs" c="dimmed">
              Each point averages {metrics.data.bucketMinutes} minutes; long series are downsampled to at most
              500 points, keeping their spikes.
            </Text>
          )}
        </>
      )}
    </Stack>
  );
}

export function TimeChart({ chart, isLong }: { chart: MonitoringChart; isLong: boolean }) {
  return (
    <Paper withBorder p="sm" role="figure" aria-label={`Chart of ${chart.title}`}>
      <Text fw={600} size="sm" mb={4}>
        {chart.title}
      </Text>
      <div style={{ height: 220 }}>
        <TimeChartPlot chart={chart} isLong={isLong} />
      </div>
    </Paper>
  );
}

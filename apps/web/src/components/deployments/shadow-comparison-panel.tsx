'use client';

import { METRIC_RANGES, type MetricRange } from '@cairn/core/monitoring/metric-ranges';
import { Badge, Group, Paper, SegmentedControl, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { RANGE_LABEL, TimeChart } from '~/components/monitoring/deployment-metrics-panel';
import { buildMonitoringCharts, formatChartValue } from '~/components/monitoring/monitoring-charts';
import { ErrorState, LoadingRows } from '~/components/states';
import { Table } from '~/components/table';
import { useTRPC } from '~/trpc/client';
import {
  describeShadowWindow,
  formatDifference,
  productionAndShadowSeries,
  SHADOW_CHART_METRICS,
} from './shadow-comparison-format';

const POLL_MS = 60_000;

const VERDICT: Record<string, { label: string; color: string }> = {
  better: { label: 'Shadow better', color: 'teal' },
  worse: { label: 'Shadow worse', color: 'red' },
  same: { label: 'Same', color: 'gray' },
};

interface ShadowComparisonPanelProps {
  teamId: string;
  deploymentId: string;
  /** The "End shadow now" button, for those who may end it. */
  endAction?: ReactNode;
}

/** A shadow test's production against shadow: the window, a table of differences, overlaid charts. */
export function ShadowComparisonPanel({ teamId, deploymentId, endAction }: ShadowComparisonPanelProps) {
  const trpc = useTRPC();
  const [range, setRange] = useState<MetricRange>('24h');
  const comparison = useQuery({
    ...trpc.deployment.shadowComparison.queryOptions({ teamId, deploymentId, range }),
    refetchInterval: POLL_MS,
    placeholderData: (previous) => previous,
  });
  const metrics = useQuery({
    ...trpc.monitoring.metrics.queryOptions({ teamId, deploymentId, range, metrics: SHADOW_CHART_METRICS }),
    refetchInterval: POLL_MS,
    placeholderData: (previous) => previous,
  });
  const isLong = range === '7d' || range === '30d';
  const charts = metrics.data ? buildMonitoringCharts(productionAndShadowSeries(metrics.data.series)) : [];

  return (
    <Stack gap="sm" data-testid="shadow-comparison">
      <Group justify="space-between">
        <Title order={3}>Shadow vs production</Title>
        <SegmentedControl
          aria-label="Comparison time range"
          size="xs"
          value={range}
          onChange={(value) => setRange(value as MetricRange)}
          data={METRIC_RANGES.map((value) => ({ value, label: RANGE_LABEL[value] }))}
        />
      </Group>
      {comparison.isPending ? (
        <LoadingRows rows={3} />
      ) : comparison.isError ? (
        <ErrorState error={comparison.error} onRetry={() => void comparison.refetch()} />
      ) : (
        <>
          <Group justify="space-between">
            <Text size="sm" data-testid="shadow-window">
              {describeShadowWindow(comparison.data.window)}
            </Text>
            {comparison.data.canEnd && endAction}
          </Group>
          {comparison.data.shadowMinutes === 0 ? (
            <Paper withBorder p="lg">
              <Text size="sm" c="dimmed" ta="center">
                No shadow metrics in the last {RANGE_LABEL[range]}. They appear once the shadow variant has
                received copied requests.
              </Text>
            </Paper>
          ) : (
            <Table withTableBorder striped aria-label="Shadow against production">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Metric</Table.Th>
                  <Table.Th ta="right">Production</Table.Th>
                  <Table.Th ta="right">Shadow</Table.Th>
                  <Table.Th ta="right">Difference</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {comparison.data.rows.map((row) => {
                  const verdict = VERDICT[row.verdict];
                  return (
                    <Table.Tr key={row.key}>
                      <Table.Td>
                        <Text size="sm">{row.label}</Text>
                        <Text size="xs" c="dimmed">
                          {row.basis}
                        </Text>
                      </Table.Td>
                      <Table.Td ta="right">
                        {row.production === null ? '–' : formatChartValue(row.production, row.unit)}
                      </Table.Td>
                      <Table.Td ta="right">
                        {row.shadow === null ? '–' : formatChartValue(row.shadow, row.unit)}
                      </Table.Td>
                      <Table.Td ta="right">{formatDifference(row.differencePercent)}</Table.Td>
                      <Table.Td>
                        {verdict && (
                          <Badge size="sm" variant="light" color={verdict.color}>
                            {verdict.label}
                          </Badge>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          )}
        </>
      )}
      {metrics.isError ? (
        <ErrorState error={metrics.error} onRetry={() => void metrics.refetch()} />
      ) : (
        charts.length > 0 && (
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            {charts.map((chart) => (
              <TimeChart key={chart.id} chart={chart} isLong={isLong} />
            ))}
          </SimpleGrid>
        )
      )}
    </Stack>
  );
}

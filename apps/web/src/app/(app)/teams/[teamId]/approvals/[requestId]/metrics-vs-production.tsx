import { decodeMetricValue } from '@cairn/core/metric-value';
import type { ApprovalPolicy } from '@cairn/core/schemas/approval-policy';
import { Paper, Text } from '@mantine/core';
import { formatMetricValue } from '~/components/charts/format-metric';
import { formatDelta, type MetricDirection, metricDelta } from '~/components/release/metric-delta';
import { Table } from '~/components/table';
import { metricGoal } from '../../projects/[projectId]/compare/compare-runs';

const VERDICT_COLOR = { better: 'teal', worse: 'red', same: 'dimmed', incomparable: 'dimmed' } as const;

interface MetricsVsProductionProps {
  metrics: ReadonlyArray<{ key: string; value: string | null; production: string | null }>;
  hasProduction: boolean;
  policy: ApprovalPolicy;
}

/** The candidate's metrics beside production's, with the delta coloured by which way is better. */
export function MetricsVsProduction({ metrics, hasProduction, policy }: MetricsVsProductionProps) {
  if (metrics.length === 0)
    return (
      <Text size="sm" c="dimmed">
        The run had logged no metrics when this version was registered.
      </Text>
    );
  // The policy's primary metric says its own direction; for the rest, the name decides.
  const directionOf = (key: string): MetricDirection =>
    policy.beatsProduction?.metric === key
      ? policy.beatsProduction.direction
      : metricGoal(key) === 'min'
        ? 'lower'
        : 'higher';
  const show = (text: string | null) => (text === null ? '—' : formatMetricValue(decodeMetricValue(text)));
  return (
    <Paper withBorder>
      <Table verticalSpacing={6} aria-label="Metrics against production">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Metric</Table.Th>
            <Table.Th ta="right">This version</Table.Th>
            {hasProduction && <Table.Th ta="right">Production</Table.Th>}
            {hasProduction && <Table.Th ta="right">Delta</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {metrics.map((metric) => {
            const direction = directionOf(metric.key);
            const delta = metricDelta(metric.value, metric.production, direction);
            return (
              <Table.Tr key={metric.key}>
                <Table.Td ff="monospace" fz="sm">
                  {metric.key}{' '}
                  <Text span size="xs" c="dimmed">
                    ({direction} is better)
                  </Text>
                </Table.Td>
                <Table.Td ta="right" ff="monospace" fz="sm">
                  {show(metric.value)}
                </Table.Td>
                {hasProduction && (
                  <Table.Td ta="right" ff="monospace" fz="sm">
                    {show(metric.production)}
                  </Table.Td>
                )}
                {hasProduction && (
                  <Table.Td
                    ta="right"
                    ff="monospace"
                    fz="sm"
                    c={VERDICT_COLOR[delta.verdict]}
                    data-verdict={delta.verdict}
                  >
                    {delta.delta === null
                      ? '—'
                      : `${formatDelta(delta.delta)} ${delta.verdict === 'same' ? '' : delta.verdict}`}
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

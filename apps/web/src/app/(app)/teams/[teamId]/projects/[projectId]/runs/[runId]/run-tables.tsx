import { Paper, Stack, Text, Title } from '@mantine/core';
import { formatMetricValue } from '~/components/charts/format-metric';
import { Table } from '~/components/table';
import { formatUtc } from '~/lib/format';
import { isSystemTag } from '../../run-format';

export function LatestMetricsTable({
  metrics,
}: {
  metrics: ReadonlyArray<{ key: string; value: number; step: number; timestamp: number }>;
}) {
  if (metrics.length === 0)
    return (
      <Text size="sm" c="dimmed">
        This run logged no metrics yet.
      </Text>
    );
  return (
    <Paper withBorder>
      <Table verticalSpacing={6} aria-label="Latest metrics">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Metric</Table.Th>
            <Table.Th ta="right">Latest value</Table.Th>
            <Table.Th ta="right">Step</Table.Th>
            <Table.Th>Logged</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {metrics.map((metric) => (
            <Table.Tr key={metric.key}>
              <Table.Td ff="monospace" fz="sm">
                {metric.key}
              </Table.Td>
              <Table.Td ta="right" ff="monospace" fz="sm">
                {formatMetricValue(metric.value)}
              </Table.Td>
              <Table.Td ta="right" fz="sm">
                {metric.step.toLocaleString('en-US')}
              </Table.Td>
              <Table.Td fz="sm">{formatUtc(new Date(metric.timestamp))}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

/** Params or tags; MLflow's own bookkeeping tags (mlflow.*) are shown dimmed below the team's. */
export function KeyValueTable({
  title,
  items,
  emptyText,
}: {
  title: string;
  items: ReadonlyArray<{ key: string; value: string }>;
  emptyText: string;
}) {
  const sorted = [...items].sort(
    (a, b) => Number(isSystemTag(a.key)) - Number(isSystemTag(b.key)) || a.key.localeCompare(b.key),
  );
  return (
    <Stack gap="xs">
      <Title order={3} fz="lg">
        {title}
      </Title>
      {sorted.length === 0 ? (
        <Text size="sm" c="dimmed">
          {emptyText}
        </Text>
      ) : (
        <Paper withBorder>
          <Table verticalSpacing={6} aria-label={title}>
            <Table.Tbody>
              {sorted.map((item) => (
                <Table.Tr key={item.key} c={isSystemTag(item.key) ? 'dimmed' : undefined}>
                  <Table.Td ff="monospace" fz="sm" w="40%" style={{ overflowWrap: 'anywhere' }}>
                    {item.key}
                  </Table.Td>
                  <Table.Td
                    ff="monospace"
                    fz="sm"
                    style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}
                  >
                    {item.value}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </Stack>
  );
}

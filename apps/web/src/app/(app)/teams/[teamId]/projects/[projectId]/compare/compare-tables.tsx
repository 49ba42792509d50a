'use client';

import { Group, Paper, Stack, Switch, Text, Title } from '@mantine/core';
import IconTrophy from '@tabler/icons-react/icons/IconTrophy';
import { useState } from 'react';
import { formatMetricValue } from '~/components/charts/format-metric';
import { ScrollBox } from '~/components/scroll-box';
import { Table } from '~/components/table';
import { finalMetrics } from './compare-runs';
import type { ComparedRun } from './compare-view';

const DIFFERENT_BG = 'var(--mantine-color-yellow-light)';

function RunHeaders({ runs }: { runs: ReadonlyArray<ComparedRun> }) {
  return runs.map((item) => (
    <Table.Th key={item.run.id} style={{ borderBottom: `3px solid ${item.color}` }}>
      {item.label}
    </Table.Th>
  ));
}

/** Every param of the runs, the ones they disagree on highlighted; optionally only those. */
export function ParamsDiffTable({
  runs,
  rows,
}: {
  runs: ReadonlyArray<ComparedRun>;
  /** The server's comparison: one value per run in the runs' order, flagged where they differ. */
  rows: ReadonlyArray<{ key: string; values: Array<string | null>; isDifferent: boolean }>;
}) {
  const [isOnlyDifferences, setOnlyDifferences] = useState(false);
  const differing = rows.filter((row) => row.isDifferent).length;
  const shown = isOnlyDifferences ? rows.filter((row) => row.isDifferent) : rows;
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <div>
          <Title order={3} fz="lg">
            Params
          </Title>
          <Text size="sm" c="dimmed">
            {rows.length === 0
              ? 'None of these runs logged params.'
              : `${differing} of ${rows.length} params differ between the runs.`}
          </Text>
        </div>
        <Switch
          label="Only differences"
          checked={isOnlyDifferences}
          onChange={(event) => setOnlyDifferences(event.currentTarget.checked)}
        />
      </Group>
      {shown.length > 0 && (
        <Paper withBorder>
          <ScrollBox>
            <Table verticalSpacing={6} aria-label="Params diff">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Param</Table.Th>
                  <RunHeaders runs={runs} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.map((row) => (
                  <Table.Tr
                    key={row.key}
                    data-different={row.isDifferent || undefined}
                    bg={row.isDifferent ? DIFFERENT_BG : undefined}
                  >
                    <Table.Td ff="monospace" fz="sm" fw={row.isDifferent ? 600 : undefined}>
                      {row.key}
                    </Table.Td>
                    {row.values.map((value, index) => (
                      <Table.Td
                        key={runs[index]?.run.id ?? index}
                        ff="monospace"
                        fz="sm"
                        c={value === null ? 'dimmed' : undefined}
                        style={{ overflowWrap: 'anywhere' }}
                      >
                        {value ?? '—'}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollBox>
        </Paper>
      )}
      {isOnlyDifferences && rows.length > 0 && differing === 0 && (
        <Text size="sm" c="dimmed">
          The runs share every param value.
        </Text>
      )}
    </Stack>
  );
}

/** The last logged value of each metric per run; the best one marked (direction read from the name). */
export function FinalMetricsTable({ runs }: { runs: ReadonlyArray<ComparedRun> }) {
  const rows = finalMetrics(runs.map((item) => item.run));
  return (
    <Stack gap="sm">
      <div>
        <Title order={3} fz="lg">
          Final metrics
        </Title>
        <Text size="sm" c="dimmed">
          The latest value of each metric. The best is marked: lowest for losses and errors, highest
          otherwise.
        </Text>
      </div>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          None of these runs logged a metric.
        </Text>
      ) : (
        <Paper withBorder>
          <ScrollBox>
            <Table verticalSpacing={6} aria-label="Final metrics">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Metric</Table.Th>
                  <RunHeaders runs={runs} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row) => (
                  <Table.Tr key={row.key}>
                    <Table.Td ff="monospace" fz="sm">
                      {row.key}{' '}
                      <Text span size="xs" c="dimmed">
                        ({row.goal === 'min' ? 'lower' : 'higher'} is better)
                      </Text>
                    </Table.Td>
                    {row.values.map((value, index) => {
                      const isBest = row.bestIndexes.includes(index);
                      return (
                        <Table.Td
                          key={runs[index]?.run.id ?? index}
                          ff="monospace"
                          fz="sm"
                          fw={isBest ? 700 : undefined}
                          data-best={isBest || undefined}
                        >
                          {value === null ? (
                            <Text span c="dimmed" size="sm">
                              —
                            </Text>
                          ) : (
                            <Group gap={4} wrap="nowrap">
                              {formatMetricValue(value)}
                              {isBest && (
                                <IconTrophy
                                  size={14}
                                  color="var(--mantine-color-yellow-7)"
                                  aria-label="best"
                                />
                              )}
                            </Group>
                          )}
                        </Table.Td>
                      );
                    })}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollBox>
        </Paper>
      )}
    </Stack>
  );
}

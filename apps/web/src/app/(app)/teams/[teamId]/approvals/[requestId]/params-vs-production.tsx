'use client';

import { Group, Paper, Stack, Switch, Text } from '@mantine/core';
import { useState } from 'react';
import { ScrollBox } from '~/components/scroll-box';
import { Table } from '~/components/table';

const DIFFERENT_BG = 'var(--mantine-color-yellow-light)';

interface ParamsVsProductionProps {
  rows: ReadonlyArray<{
    key: string;
    candidate: string | null;
    production: string | null;
    isDifferent: boolean;
  }>;
  productionLabel: string | null;
}

/** The params of this version's run beside those of production's run, the differences highlighted. */
export function ParamsVsProduction({ rows, productionLabel }: ParamsVsProductionProps) {
  const [isOnlyDifferences, setOnlyDifferences] = useState(false);
  const differing = rows.filter((row) => row.isDifferent).length;
  const shown = isOnlyDifferences ? rows.filter((row) => row.isDifferent) : rows;
  if (rows.length === 0)
    return (
      <Text size="sm" c="dimmed">
        Neither run logged params.
      </Text>
    );
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {productionLabel
            ? `${differing} of ${rows.length} params differ from ${productionLabel}.`
            : 'Nothing is in production yet, so there is nothing to compare with.'}
        </Text>
        {productionLabel && (
          <Switch
            label="Only differences"
            checked={isOnlyDifferences}
            onChange={(event) => setOnlyDifferences(event.currentTarget.checked)}
          />
        )}
      </Group>
      {shown.length > 0 && (
        <Paper withBorder>
          <ScrollBox mah={420}>
            <Table verticalSpacing={4} aria-label="Params against production">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Param</Table.Th>
                  <Table.Th>This version</Table.Th>
                  {productionLabel && <Table.Th>Production</Table.Th>}
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
                    <Table.Td
                      ff="monospace"
                      fz="sm"
                      c={row.candidate === null ? 'dimmed' : undefined}
                      style={{ overflowWrap: 'anywhere' }}
                    >
                      {row.candidate ?? '—'}
                    </Table.Td>
                    {productionLabel && (
                      <Table.Td
                        ff="monospace"
                        fz="sm"
                        c={row.production === null ? 'dimmed' : undefined}
                        style={{ overflowWrap: 'anywhere' }}
                      >
                        {row.production ?? '—'}
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollBox>
        </Paper>
      )}
      {isOnlyDifferences && differing === 0 && (
        <Text size="sm" c="dimmed">
          Both runs share every param value.
        </Text>
      )}
    </Stack>
  );
}

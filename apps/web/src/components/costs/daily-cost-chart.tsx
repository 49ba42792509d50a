'use client';

import { Paper, Text } from '@mantine/core';
import dynamic from 'next/dynamic';

// recharts loads once a chart shows, into a box already sized, so the page's first load goes without it.
const DailyCostChartPlot = dynamic(
  () => import('./daily-cost-chart-plot').then((module) => module.DailyCostChartPlot),
  { ssr: false },
);

export interface DailyCostSeries {
  key: string;
  label: string;
}

interface DailyCostChartProps {
  title: string;
  /** One row per day: `day` (YYYY-MM-DD) and a USD amount per series key. */
  rows: ReadonlyArray<Record<string, string | number>>;
  series: ReadonlyArray<DailyCostSeries>;
  height?: number;
}

/** Daily spend as stacked bars, one colour per series (a team, a project). */
export function DailyCostChart({ title, rows, series, height = 260 }: DailyCostChartProps) {
  return (
    <Paper withBorder p="sm" role="figure" aria-label={title}>
      <Text fw={600} size="sm" mb={4}>
        {title}
      </Text>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed" h={height} pt="xl" ta="center">
          No spend recorded in this period
        </Text>
      ) : (
        <div style={{ height }}>
          <DailyCostChartPlot rows={rows} series={series} />
        </div>
      )}
    </Paper>
  );
}

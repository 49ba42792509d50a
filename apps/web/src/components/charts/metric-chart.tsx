'use client';

import { Paper, Text } from '@mantine/core';
import dynamic from 'next/dynamic';
import type { ReactNode } from 'react';
import { type ChartSeries, mergeSeries } from './merge-series';

// recharts is the largest library on these pages: it loads once a chart shows, into a box already sized.
const MetricChartPlot = dynamic(
  () => import('./metric-chart-plot').then((module) => module.MetricChartPlot),
  {
    ssr: false,
  },
);

interface MetricChartProps {
  /** The metric key: the chart's title and its accessible name. */
  title: string;
  series: ReadonlyArray<ChartSeries>;
  /** Under the chart: what was downsampled, or anything else the reader should know. */
  footnote?: ReactNode;
  height?: number;
}

/** One metric key as line(s) over steps; several series overlay, one line per run. */
export function MetricChart({ title, series, footnote, height = 220 }: MetricChartProps) {
  const { rows, nonFiniteCount } = mergeSeries(series);
  return (
    <Paper withBorder p="sm" role="figure" aria-label={`Chart of ${title}`}>
      <Text fw={600} size="sm" ff="monospace" mb={4} style={{ overflowWrap: 'anywhere' }}>
        {title}
      </Text>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed" h={height} pt="xl" ta="center">
          No finite values to draw
        </Text>
      ) : (
        <div style={{ height }}>
          <MetricChartPlot rows={rows} series={series} />
        </div>
      )}
      {(footnote || nonFiniteCount > 0) && (
        <Text size="xs" c="dimmed" mt={4}>
          {footnote}
          {footnote && nonFiniteCount > 0 ? ' · ' : ''}
          {nonFiniteCount > 0 && `${nonFiniteCount.toLocaleString('en-US')} NaN or infinite values not drawn`}
        </Text>
      )}
    </Paper>
  );
}

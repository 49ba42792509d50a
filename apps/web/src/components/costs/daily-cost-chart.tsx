'use client';

import { formatUsd } from '@cairn/core/deployments/cost-line';
import { Paper, Text } from '@mantine/core';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { seriesColor } from '~/components/charts/series-colors';

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

const compactUsd = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  notation: 'compact',
  maximumFractionDigits: 1,
});

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
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={[...rows]} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="#e9ecef" vertical={false} />
              <XAxis dataKey="day" tick={{ fontSize: 11 }} tickFormatter={(day: string) => day.slice(5)} />
              <YAxis
                tick={{ fontSize: 11 }}
                tickFormatter={(value: number) => compactUsd.format(value)}
                width={64}
              />
              <Tooltip formatter={(value) => formatUsd(Number(value))} />
              {series.length > 1 && <Legend wrapperStyle={{ fontSize: 12 }} />}
              {series.map((line, index) => (
                <Bar
                  key={line.key}
                  dataKey={line.key}
                  name={line.label}
                  stackId="spend"
                  fill={seriesColor(index)}
                  isAnimationActive={false}
                />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
    </Paper>
  );
}

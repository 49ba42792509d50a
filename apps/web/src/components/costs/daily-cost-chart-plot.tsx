'use client';

import { formatUsd } from '@cairn/core/deployments/cost-line';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { seriesColor } from '~/components/charts/series-colors';
import type { DailyCostSeries } from './daily-cost-chart';

const compactUsd = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  notation: 'compact',
  maximumFractionDigits: 1,
});

interface DailyCostChartPlotProps {
  rows: ReadonlyArray<Record<string, string | number>>;
  series: ReadonlyArray<DailyCostSeries>;
}

/** The stacked bars of a daily cost chart, filling the box around them; loaded apart from the page with recharts. */
export function DailyCostChartPlot({ rows, series }: DailyCostChartPlotProps) {
  return (
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
  );
}

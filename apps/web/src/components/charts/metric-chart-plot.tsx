'use client';

import { Paper, Text } from '@mantine/core';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatMetricValue } from './format-metric';
import type { ChartSeries, MergedRow } from './merge-series';

const tickFormatter = (value: number) => formatMetricValue(value, 3);
const stepFormat = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
const stepTickFormatter = (value: number) => stepFormat.format(value);

/** The lines of a metric chart, filling the box around them; loaded apart from the page with recharts. */
export function MetricChartPlot({ rows, series }: { rows: MergedRow[]; series: ReadonlyArray<ChartSeries> }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart data={rows} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e9ecef" />
        <XAxis
          dataKey="step"
          type="number"
          domain={['dataMin', 'dataMax']}
          tick={{ fontSize: 11 }}
          tickFormatter={stepTickFormatter}
          allowDecimals={false}
        />
        <YAxis
          type="number"
          domain={['auto', 'auto']}
          tick={{ fontSize: 11 }}
          tickFormatter={tickFormatter}
          width={56}
        />
        <Tooltip content={(props) => <StepTooltip {...props} series={series} />} />
        {series.map((line) => (
          <Line
            key={line.id}
            dataKey={line.id}
            name={line.label}
            stroke={line.color}
            strokeWidth={1.75}
            dot={rows.length === 1}
            connectNulls
            isAnimationActive={false}
            type="linear"
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}

function StepTooltip({
  active,
  payload,
  label,
  series,
}: {
  active?: boolean;
  payload?: ReadonlyArray<{ dataKey?: unknown; value?: unknown }>;
  label?: unknown;
  series: ReadonlyArray<ChartSeries>;
}) {
  if (!active || !payload || payload.length === 0) return null;
  return (
    <Paper withBorder shadow="sm" p="xs" fz="xs">
      <Text size="xs" c="dimmed" mb={2}>
        step {String(label)}
      </Text>
      {series.map((line) => {
        const entry = payload.find((item) => item.dataKey === line.id);
        if (!entry || typeof entry.value !== 'number') return null;
        return (
          <Text key={line.id} size="xs">
            <span style={{ color: line.color }}>●</span> {line.label}:{' '}
            <span style={{ fontFamily: 'var(--mantine-font-family-monospace)' }}>
              {formatMetricValue(entry.value)}
            </span>
          </Text>
        );
      })}
    </Paper>
  );
}

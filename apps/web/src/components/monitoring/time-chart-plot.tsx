'use client';

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatChartValue, type MonitoringChart } from './monitoring-charts';

const timeFormat = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });
const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const fullFormat = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});

/** The lines of a monitoring chart over time, filling the box around them; loaded apart from the page with recharts. */
export function TimeChartPlot({ chart, isLong }: { chart: MonitoringChart; isLong: boolean }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart data={chart.rows} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e9ecef" />
        <XAxis
          dataKey="t"
          type="number"
          scale="time"
          domain={['dataMin', 'dataMax']}
          tick={{ fontSize: 11 }}
          tickFormatter={(value: number) => (isLong ? dayFormat : timeFormat).format(value)}
        />
        <YAxis
          type="number"
          domain={['auto', 'auto']}
          tick={{ fontSize: 11 }}
          width={56}
          tickFormatter={(value: number) => formatChartValue(value, chart.unit)}
        />
        <Tooltip
          labelFormatter={(value) => `${fullFormat.format(Number(value))} UTC`}
          formatter={(value) =>
            typeof value === 'number' ? formatChartValue(value, chart.unit) : String(value)
          }
        />
        {chart.lines.length > 1 && <Legend wrapperStyle={{ fontSize: 11 }} />}
        {chart.lines.map((line) => (
          <Line
            key={line.id}
            dataKey={line.id}
            name={line.label}
            stroke={line.color}
            strokeWidth={line.isVariant ? 1.25 : 1.75}
            strokeDasharray={line.isVariant ? '4 2' : undefined}
            dot={chart.rows.length === 1}
            connectNulls
            isAnimationActive={false}
            type="linear"
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}

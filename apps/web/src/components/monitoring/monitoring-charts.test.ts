import { describe, expect, it } from 'vitest';
import { buildMonitoringCharts, formatChartValue } from './monitoring-charts';

const point = (t: number, v: number) => ({ t, v });

describe('buildMonitoringCharts', () => {
  it('puts metrics of one group and unit on one chart, a line per variant, rows merged by time', () => {
    const charts = buildMonitoringCharts([
      {
        metric: 'error_rate_5xx',
        label: '5xx error rate',
        unit: 'percent',
        group: 'errors',
        variant: '',
        points: [point(1, 2)],
      },
      {
        metric: 'model_latency_p99',
        label: 'Model latency p99',
        unit: 'ms',
        group: 'latency',
        variant: '',
        points: [point(1, 40), point(2, 45)],
      },
      {
        metric: 'model_latency_p99',
        label: 'Model latency p99',
        unit: 'ms',
        group: 'latency',
        variant: 'shadow',
        points: [point(2, 90)],
      },
      {
        metric: 'invocation_5xx',
        label: '5xx errors',
        unit: 'count',
        group: 'errors',
        variant: '',
        points: [point(1, 3)],
      },
    ]);
    expect(charts.map((chart) => chart.title)).toEqual([
      'Latency (ms)',
      'Errors (per minute)',
      '5xx error rate (%)',
    ]);
    const [latency] = charts;
    expect(latency?.lines.map((line) => [line.label, line.isVariant])).toEqual([
      ['Model latency p99', false],
      ['Model latency p99 · shadow', true],
    ]);
    expect(latency?.rows).toEqual([
      { t: 1, 'model_latency_p99@': 40 },
      { t: 2, 'model_latency_p99@': 45, 'model_latency_p99@shadow': 90 },
    ]);
  });

  it('formats values with their unit', () => {
    expect(formatChartValue(12.3456, 'percent')).toBe('12.3%');
    expect(formatChartValue(1234.5, 'ms')).toBe('1,230 ms');
    expect(formatChartValue(25_000, 'count')).toBe('25K');
  });
});

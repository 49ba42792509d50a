import { seriesColor } from '~/components/charts/series-colors';

export interface MetricSeriesInput {
  metric: string;
  label: string;
  unit: string;
  group: string;
  variant: string;
  points: ReadonlyArray<{ t: number; v: number }>;
}

export interface ChartLine {
  id: string;
  label: string;
  color: string;
  /** The endpoint as a whole draws solid; its variants dashed. */
  isVariant: boolean;
}

export interface MonitoringChart {
  id: string;
  title: string;
  unit: string;
  lines: ChartLine[];
  rows: Record<string, number>[];
}

/** Which chart a metric goes on: same group and unit share axes (counts never share with percentages). */
const CHART_TITLES: Record<string, string> = {
  'traffic|count': 'Invocations',
  'latency|ms': 'Latency (ms)',
  'errors|count': 'Errors (per minute)',
  'errors|percent': '5xx error rate (%)',
  'utilization|percent': 'CPU and memory (%)',
  'drift|score': 'Feature drift',
  'quality|score': 'Model quality',
};
const CHART_ORDER = Object.keys(CHART_TITLES);

/**
 * One chart per metric group and unit, one line per metric and variant (the endpoint as a whole
 * plus each shadow or A/B variant), rows merged by time for recharts.
 */
export function buildMonitoringCharts(series: ReadonlyArray<MetricSeriesInput>): MonitoringChart[] {
  const charts = new Map<
    string,
    { title: string; unit: string; lines: ChartLine[]; byTime: Map<number, Record<string, number>> }
  >();
  for (const entry of series) {
    const key = `${entry.group}|${entry.unit}`;
    const chart = charts.get(key) ?? {
      title: CHART_TITLES[key] ?? entry.label,
      unit: entry.unit,
      lines: [],
      byTime: new Map<number, Record<string, number>>(),
    };
    const id = `${entry.metric}@${entry.variant}`;
    chart.lines.push({
      id,
      label: entry.variant === '' ? entry.label : `${entry.label} · ${entry.variant}`,
      color: seriesColor(chart.lines.length),
      isVariant: entry.variant !== '',
    });
    for (const point of entry.points) {
      const row = chart.byTime.get(point.t) ?? { t: point.t };
      row[id] = point.v;
      chart.byTime.set(point.t, row);
    }
    charts.set(key, chart);
  }
  const rank = (key: string) => {
    const index = CHART_ORDER.indexOf(key);
    return index === -1 ? CHART_ORDER.length : index;
  };
  return [...charts.entries()]
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([id, chart]) => ({
      id,
      title: chart.title,
      unit: chart.unit,
      lines: chart.lines,
      rows: [...chart.byTime.values()].sort((a, b) => (a.t ?? 0) - (b.t ?? 0)),
    }));
}

const UNIT_SUFFIX: Record<string, string> = { ms: ' ms', percent: '%', count: '', score: '' };

/** A chart value with its unit: 3 significant digits, compact for large counts. */
export function formatChartValue(value: number, unit: string): string {
  const text =
    Math.abs(value) >= 10_000
      ? new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 }).format(value)
      : Number(value.toPrecision(3)).toLocaleString('en-US');
  return `${text}${UNIT_SUFFIX[unit] ?? ''}`;
}

import type { MetricSeriesInput } from '~/components/monitoring/monitoring-charts';

/** The variant name Cairn gives the shadow in the endpoint config. */
export const SHADOW_VARIANT = 'shadow';

/** The metrics charted under the comparison, production against shadow. */
export const SHADOW_CHART_METRICS = [
  'invocations',
  'model_latency_p50',
  'model_latency_p99',
  'error_rate_5xx',
  'cpu_utilization',
  'memory_utilization',
];

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
});

/** "copying 20% of requests until 3 Dec, 14:00 UTC", "ended 3 Dec", or what is known otherwise. */
export function describeShadowWindow(window: {
  shadowPercent: number;
  days: number;
  endsAt: Date | string | null;
  endedAt: Date | string | null;
  isRunning: boolean;
}): string {
  if (window.endedAt) {
    return `Copied ${window.shadowPercent}% of requests; ended ${dateFormat.format(new Date(window.endedAt))}`;
  }
  if (window.isRunning && window.endsAt) {
    return `Copying ${window.shadowPercent}% of requests until ${dateTimeFormat.format(new Date(window.endsAt))} UTC`;
  }
  if (window.isRunning) return `Copying ${window.shadowPercent}% of requests for ${window.days} days`;
  return `Copies ${window.shadowPercent}% of requests for ${window.days} days once in service`;
}

/** "+12.5%", "-3%", or an en dash when there is nothing to compare. */
export function formatDifference(percent: number | null): string {
  if (percent === null) return '–';
  const rounded = Number(percent.toPrecision(3));
  return `${rounded > 0 ? '+' : ''}${rounded.toLocaleString('en-US')}%`;
}

/** The production (endpoint as a whole) and shadow series only, named for the overlay charts. */
export function productionAndShadowSeries(series: ReadonlyArray<MetricSeriesInput>): MetricSeriesInput[] {
  return series
    .filter((entry) => entry.variant === '' || entry.variant === SHADOW_VARIANT)
    .map((entry) => (entry.variant === '' ? { ...entry, label: `${entry.label} · production` } : entry));
}

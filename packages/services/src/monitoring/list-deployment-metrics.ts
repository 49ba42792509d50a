import { describeMetric, ENDPOINT_METRICS, MAX_DRIFT_METRIC } from '@cairn/core/monitoring/metric-catalogue';
import {
  type DeploymentMetricsInput,
  METRIC_CHART_MAX_POINTS,
  RANGE_MINUTES,
} from '@cairn/core/monitoring/monitoring-schemas';
import { downsampleSeries } from '@cairn/core/tracking/downsample';
import type { ServiceContext } from '../context';
import { deploymentForPerson } from '../deployments/load-deployment';

const MINUTE_MS = 60_000;
/** Rows a series may bring back from Postgres before it is bucketed there (a month of minutes is 43,200). */
const MAX_ROWS_PER_SERIES = 2_000;

export interface MetricSeriesView {
  metric: string;
  label: string;
  unit: string;
  group: string;
  /** '' for the endpoint as a whole. */
  variant: string;
  points: { t: number; v: number }[];
  isDownsampled: boolean;
}

/**
 * A deployment's metric series over a range, per metric and variant, each at most ~500 points:
 * Postgres averages minutes into buckets for long ranges, then LTTB keeps the shape (and spikes).
 */
export async function listDeploymentMetrics(ctx: ServiceContext, input: DeploymentMetricsInput) {
  const { deployment } = await deploymentForPerson(ctx.db, ctx, input, 'project:read');
  const to = new Date();
  const rangeMinutes = RANGE_MINUTES[input.range];
  const from = new Date(to.getTime() - rangeMinutes * MINUTE_MS);
  const bucketMinutes = Math.max(1, Math.ceil(rangeMinutes / MAX_ROWS_PER_SERIES));
  const wanted = input.metrics ?? null;
  const rows = await ctx.db.$queryRaw<{ metric: string; variant: string; bucket: Date; value: number }[]>`
    SELECT metric, variant,
           date_bin(${`${bucketMinutes} minutes`}::interval, minute, TIMESTAMPTZ '2000-01-01') AS bucket,
           avg(value)::float8 AS value
    FROM "DeploymentMetricPoint"
    WHERE "deploymentId" = ${deployment.id}::uuid
      AND minute >= ${from} AND minute <= ${to}
      AND (${wanted}::text[] IS NULL OR metric = ANY(${wanted}::text[]))
    GROUP BY metric, variant, bucket
    ORDER BY metric, variant, bucket`;
  const grouped = new Map<string, { metric: string; variant: string; points: { t: number; v: number }[] }>();
  for (const row of rows) {
    const key = `${row.metric}\u0000${row.variant}`;
    const entry = grouped.get(key) ?? { metric: row.metric, variant: row.variant, points: [] };
    entry.points.push({ t: row.bucket.getTime(), v: row.value });
    grouped.set(key, entry);
  }
  const order = (metric: string) => {
    const index = ENDPOINT_METRICS.findIndex((entry) => entry.key === metric);
    if (index >= 0) return index;
    return metric === MAX_DRIFT_METRIC ? ENDPOINT_METRICS.length : ENDPOINT_METRICS.length + 1;
  };
  const series: MetricSeriesView[] = [...grouped.values()]
    .sort(
      (a, b) =>
        order(a.metric) - order(b.metric) ||
        a.metric.localeCompare(b.metric) ||
        a.variant.localeCompare(b.variant),
    )
    .map((entry) => {
      const definition = describeMetric(entry.metric);
      const sampled = downsampleSeries(
        entry.points.map((point) => ({ step: point.t, timestamp: point.t, value: point.v })),
        METRIC_CHART_MAX_POINTS,
      );
      return {
        metric: entry.metric,
        label: definition?.label ?? entry.metric,
        unit: definition?.unit ?? 'score',
        group: definition?.group ?? 'quality',
        variant: entry.variant,
        points: sampled.points.map((point) => ({ t: point.step, v: point.value })),
        isDownsampled: sampled.isDownsampled || bucketMinutes > 1,
      };
    });
  return {
    deploymentId: deployment.id,
    range: input.range,
    from,
    to,
    bucketMinutes,
    variants: [...new Set(series.map((entry) => entry.variant))].filter((variant) => variant !== ''),
    series,
  };
}

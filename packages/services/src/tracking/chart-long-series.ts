import { downsampleSeries, type SeriesPoint } from '@cairn/core/tracking/downsample';
import type { PrismaClient } from '@cairn/db/client';
import type { CachedChart, ChartedSeries } from './metric-chart-cache';

type Triple = [number, number, number];
interface BucketRow {
  n: number;
  first: Triple;
  last: Triple;
  low: Triple;
  high: Triple;
  nan: Triple | null;
  inf: Triple | null;
}

/**
 * Reduces a long series in Postgres, in one range scan of the primary key, to each step bucket's
 * first, last, lowest and highest point (plus its first NaN and +Infinity, which the ordering
 * could hide behind each other); the core downsampler then picks the chart's points from those
 * candidates. Shipping a million rows to Node would cost seconds; this costs the scan.
 */
export async function chartLongSeries(db: PrismaClient, series: ChartedSeries): Promise<CachedChart> {
  const { runId, key, maxPoints } = series;
  const buckets = await db.$queryRaw<BucketRow[]>`
    WITH bounds AS (
      SELECT (SELECT "step" FROM "MetricPoint" WHERE "runId" = ${runId}::uuid AND "key" = ${key}
               ORDER BY "step" LIMIT 1) AS lo,
             (SELECT "step" FROM "MetricPoint" WHERE "runId" = ${runId}::uuid AND "key" = ${key}
               ORDER BY "step" DESC LIMIT 1) AS hi
    )
    SELECT count(*)::int AS n,
           min(ARRAY[p."step", p."timestamp", p."value"]) AS first,
           max(ARRAY[p."step", p."timestamp", p."value"]) AS last,
           min(ARRAY[p."value", p."step", p."timestamp"]) AS low,
           max(ARRAY[p."value", p."step", p."timestamp"]) AS high,
           min(ARRAY[p."step", p."timestamp", p."value"]) FILTER (WHERE p."value" = 'NaN') AS nan,
           min(ARRAY[p."step", p."timestamp", p."value"]) FILTER (WHERE p."value" = 'Infinity') AS inf
      FROM "MetricPoint" p, bounds b
     WHERE p."runId" = ${runId}::uuid AND p."key" = ${key}
     GROUP BY width_bucket(p."step", b.lo, b.hi + 1, ${maxPoints})`;
  const candidates = new Map<string, SeriesPoint>();
  const add = (step: number, timestamp: number, value: number) =>
    candidates.set(`${step}:${timestamp}:${value}`, { step, timestamp, value });
  let totalPoints = 0;
  for (const bucket of buckets) {
    totalPoints += bucket.n;
    for (const [step, timestamp, value] of [bucket.first, bucket.last, bucket.nan, bucket.inf].filter(
      (t): t is Triple => t !== null,
    )) {
      add(step, timestamp, value);
    }
    for (const [value, step, timestamp] of [bucket.low, bucket.high]) add(step, timestamp, value);
  }
  const sorted = [...candidates.values()].sort(byStepTimestampValue);
  return {
    points: downsampleSeries(sorted, maxPoints).points,
    pointCount: totalPoints,
    last: sorted[sorted.length - 1] as SeriesPoint,
  };
}

/** Postgres's order of the points: NaN above every number. */
function byStepTimestampValue(a: SeriesPoint, b: SeriesPoint): number {
  if (a.step !== b.step) return a.step - b.step;
  if (a.timestamp !== b.timestamp) return a.timestamp - b.timestamp;
  if (Number.isNaN(a.value) || Number.isNaN(b.value))
    return Number(Number.isNaN(a.value)) - Number(Number.isNaN(b.value));
  return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
}

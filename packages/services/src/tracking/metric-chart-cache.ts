import type { SeriesPoint } from '@cairn/core/tracking/downsample';
import type { PrismaClient } from '@cairn/db/client';

/** A long series' downsampled chart as of its watermark (the last point it covers). */
export interface CachedChart {
  points: SeriesPoint[];
  pointCount: number;
  last: SeriesPoint;
}

/** One (run, key) series charted at most `maxPoints` long: what a cached chart is kept under. */
export interface ChartedSeries {
  runId: string;
  key: string;
  maxPoints: number;
}

interface CacheRow {
  pointCount: number;
  lastStep: number;
  lastTimestamp: number;
  lastValue: string;
  steps: number[];
  timestamps: number[];
  values: string[];
}

/**
 * Doubles cross the driver as text both ways: it sends NaN and ±Infinity numbers as NULL, while
 * Postgres parses and prints 'NaN', 'Infinity' and '-Infinity' exactly.
 */
const asText = (value: number) => String(value);

export async function readChartCache(db: PrismaClient, series: ChartedSeries): Promise<CachedChart | null> {
  const [row] = await db.$queryRaw<CacheRow[]>`
    SELECT "pointCount", "lastStep"::float8 AS "lastStep", "lastTimestamp"::float8 AS "lastTimestamp",
           "lastValue"::text AS "lastValue", "steps", "timestamps", "values"::text[] AS "values"
      FROM "MetricChartCache"
     WHERE "runId" = ${series.runId}::uuid AND "key" = ${series.key} AND "maxPoints" = ${series.maxPoints}`;
  if (!row) return null;
  return {
    pointCount: row.pointCount,
    last: { step: row.lastStep, timestamp: row.lastTimestamp, value: Number(row.lastValue) },
    points: row.steps.map((step, index) => ({
      step,
      timestamp: row.timestamps[index] as number,
      value: Number(row.values[index]),
    })),
  };
}

/** The points logged after the watermark, in the table's order, at most `limit` of them. */
export function readPointsAfter(
  db: PrismaClient,
  series: { runId: string; key: string },
  after: SeriesPoint,
  limit: number,
): Promise<SeriesPoint[]> {
  return db.$queryRaw<SeriesPoint[]>`
    SELECT p."step"::float8 AS step, p."timestamp"::float8 AS timestamp, p."value"
      FROM "MetricPoint" p
     WHERE p."runId" = ${series.runId}::uuid AND p."key" = ${series.key}
       AND (p."step", p."timestamp", p."value") > (${after.step}::bigint, ${after.timestamp}::bigint, ${asText(after.value)}::float8)
     -- Qualified: the bare names would sort by the float8 output columns, not the index.
     ORDER BY p."step", p."timestamp", p."value"
     LIMIT ${limit}`;
}

export async function writeChartCache(
  db: PrismaClient,
  series: ChartedSeries,
  chart: CachedChart,
): Promise<void> {
  const steps = chart.points.map((p) => p.step);
  const timestamps = chart.points.map((p) => p.timestamp);
  const values = chart.points.map((p) => asText(p.value));
  await db.$executeRaw`
    INSERT INTO "MetricChartCache"
      ("runId", "key", "maxPoints", "pointCount", "lastStep", "lastTimestamp", "lastValue", "steps", "timestamps", "values", "computedAt")
    VALUES (${series.runId}::uuid, ${series.key}, ${series.maxPoints}, ${chart.pointCount},
            ${chart.last.step}::bigint, ${chart.last.timestamp}::bigint, ${asText(chart.last.value)}::float8,
            ${steps}::float8[], ${timestamps}::float8[], ${values}::text[]::float8[], now())
    ON CONFLICT ("runId", "key", "maxPoints") DO UPDATE SET
      "pointCount" = EXCLUDED."pointCount", "lastStep" = EXCLUDED."lastStep",
      "lastTimestamp" = EXCLUDED."lastTimestamp", "lastValue" = EXCLUDED."lastValue",
      "steps" = EXCLUDED."steps", "timestamps" = EXCLUDED."timestamps", "values" = EXCLUDED."values",
      "computedAt" = now()`;
}

import type { GetMetricSeriesInput } from '@cairn/core/schemas/tracking';
import { CHART_MAX_POINTS, downsampleSeries, type SeriesPoint } from '@cairn/core/tracking/downsample';
import type { ServiceContext } from '../context';
import { chartLongSeries } from './chart-long-series';
import { readChartCache, readPointsAfter, writeChartCache } from './metric-chart-cache';
import { findAccessibleRuns } from './tracking-access';

/**
 * One chart line as two parallel columns (x = step), the compact form for the wire: 2,000 points
 * cost about 50 KB of JSON this way against 135 KB as objects with their timestamps.
 */
export interface MetricSeries {
  runId: string;
  key: string;
  steps: number[];
  values: number[];
  /** Points stored for this series; more than `steps.length` when downsampled. */
  totalPoints: number;
  isDownsampled: boolean;
}

interface ReadSeries {
  points: SeriesPoint[];
  totalPoints: number;
  isDownsampled: boolean;
}

/**
 * Chart data for 1–10 runs: every (run, key) series at most `maxPoints` long, downsampled on the
 * server (peaks, ends and non-finite values kept) and saying so.
 */
export async function getMetricSeries(
  ctx: ServiceContext,
  input: GetMetricSeriesInput,
): Promise<{ series: MetricSeries[] }> {
  const maxPoints = input.maxPoints ?? CHART_MAX_POINTS;
  const runs = await findAccessibleRuns(ctx.db, ctx, input, 'tracking:read');
  const runIds = runs.map((run) => run.id);
  const pairs = input.keys
    ? runIds.flatMap((runId) => [...new Set(input.keys)].map((key) => ({ runId, key })))
    : await ctx.db.runLatestMetric.findMany({
        where: { runId: { in: runIds } },
        select: { runId: true, key: true },
      });
  const heads = await readShortSeries(ctx, pairs, maxPoints);
  const series = await Promise.all(
    pairs.map(async ({ runId, key }) => ({
      runId,
      key,
      ...(heads.get(seriesId(runId, key)) ?? (await readSeries(ctx, runId, key, maxPoints))),
    })),
  );
  const order = new Map(runIds.map((id, index) => [id, index]));
  return {
    series: series
      .filter((s) => s.totalPoints > 0 || input.keys)
      .sort((a, b) => a.key.localeCompare(b.key) || order.get(a.runId)! - order.get(b.runId)!)
      .map(({ points, ...line }) => ({
        ...line,
        steps: points.map((point) => point.step),
        values: points.map((point) => point.value),
      })),
  };
}

const seriesId = (runId: string, key: string) => `${runId}/${key}`;

/**
 * Every series of the chart that is short enough to draw whole and has no cached chart, in two
 * statements whatever the number of series (the cached charts' names, then each other series' first
 * `maxPoints + 1` points through one lateral join); the rest are read one by one (readSeries).
 */
async function readShortSeries(
  ctx: ServiceContext,
  pairs: { runId: string; key: string }[],
  maxPoints: number,
): Promise<Map<string, ReadSeries>> {
  const short = new Map<string, ReadSeries>();
  if (pairs.length === 0) return short;
  const runIds = [...new Set(pairs.map((pair) => pair.runId))];
  const cached = await ctx.db.$queryRaw<{ runId: string; key: string }[]>`
    SELECT "runId"::text AS "runId", "key" FROM "MetricChartCache"
     WHERE "runId" = ANY(${runIds}::uuid[]) AND "maxPoints" = ${maxPoints}`;
  const cachedIds = new Set(cached.map((row) => seriesId(row.runId, row.key)));
  const uncached = pairs.filter((pair) => !cachedIds.has(seriesId(pair.runId, pair.key)));
  if (uncached.length === 0) return short;
  const rows = await ctx.db.$queryRaw<(SeriesPoint & { runId: string; key: string })[]>`
    SELECT s."runId"::text AS "runId", s."key", p."step"::float8 AS step, p."timestamp"::float8 AS timestamp, p."value"
      FROM unnest(${uncached.map((pair) => pair.runId)}::uuid[], ${uncached.map((pair) => pair.key)}::text[])
           WITH ORDINALITY AS s("runId", "key", "position")
     CROSS JOIN LATERAL (
       SELECT m."step", m."timestamp", m."value" FROM "MetricPoint" m
        WHERE m."runId" = s."runId" AND m."key" = s."key"
        -- Qualified: the bare names would sort by the float8 output columns, not the index.
        ORDER BY m."step", m."timestamp", m."value"
        LIMIT ${maxPoints + 1}
     ) p
     ORDER BY s."position", p."step", p."timestamp", p."value"`;
  const points = new Map<string, SeriesPoint[]>();
  for (const row of rows) {
    const id = seriesId(row.runId, row.key);
    const list = points.get(id) ?? [];
    list.push({ step: row.step, timestamp: row.timestamp, value: row.value });
    points.set(id, list);
  }
  for (const pair of uncached) {
    const head = points.get(seriesId(pair.runId, pair.key)) ?? [];
    if (head.length <= maxPoints) {
      short.set(seriesId(pair.runId, pair.key), {
        points: head,
        totalPoints: head.length,
        isDownsampled: false,
      });
    }
  }
  return short;
}

/** Points logged after a cached chart's watermark that are merged into it rather than recomputed. */
const TAIL_MERGE_LIMIT = 50_000;

/**
 * A short series is read whole. A long one is charted once and kept (MetricChartCache): later
 * reads merge in only the points logged after the cached watermark, so a live run's chart stays
 * cheap however long its series grows. Log-run-data drops the cached chart when a point arrives
 * at or before its watermark.
 */
async function readSeries(
  ctx: ServiceContext,
  runId: string,
  key: string,
  maxPoints: number,
): Promise<ReadSeries> {
  const series = { runId, key, maxPoints };
  const cached = await readChartCache(ctx.db, series);
  if (cached) {
    const tail = await readPointsAfter(ctx.db, series, cached.last, TAIL_MERGE_LIMIT + 1);
    if (tail.length === 0)
      return { points: cached.points, totalPoints: cached.pointCount, isDownsampled: true };
    if (tail.length <= TAIL_MERGE_LIMIT) {
      const chart = {
        points: downsampleSeries([...cached.points, ...tail], maxPoints).points,
        pointCount: cached.pointCount + tail.length,
        last: tail[tail.length - 1] as SeriesPoint,
      };
      await writeChartCache(ctx.db, series, chart);
      return { points: chart.points, totalPoints: chart.pointCount, isDownsampled: true };
    }
  }

  const head = await ctx.db.$queryRaw<SeriesPoint[]>`
    SELECT p."step"::float8 AS step, p."timestamp"::float8 AS timestamp, p."value"
      FROM "MetricPoint" p
     WHERE p."runId" = ${runId}::uuid AND p."key" = ${key}
     -- Qualified: the bare names would sort by the float8 output columns, not the index.
     ORDER BY p."step", p."timestamp", p."value"
     LIMIT ${maxPoints + 1}`;
  if (head.length <= maxPoints) return { points: head, totalPoints: head.length, isDownsampled: false };

  const chart = await chartLongSeries(ctx.db, series);
  await writeChartCache(ctx.db, series, chart);
  return { points: chart.points, totalPoints: chart.pointCount, isDownsampled: true };
}

import type { GetMetricSeriesInput } from '@cairn/core/schemas/tracking';
import { CHART_MAX_POINTS, downsampleSeries, type SeriesPoint } from '@cairn/core/tracking/downsample';
import type { ServiceContext } from '../context';
import { findAccessibleRuns } from './tracking-access';

export interface MetricSeries {
  runId: string;
  key: string;
  points: SeriesPoint[];
  /** Points stored for this series; more than `points.length` when downsampled. */
  totalPoints: number;
  isDownsampled: boolean;
}

/**
 * Chart data for 1–10 runs: each (run, key) series read with one range scan of the point table's
 * primary key, then downsampled on the server to at most `maxPoints` points.
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
        orderBy: [{ key: 'asc' }],
      });
  const series: MetricSeries[] = [];
  for (const { runId, key } of pairs) {
    const points = await readSeries(ctx, runId, key);
    if (points.length === 0 && !input.keys) continue;
    const sampled = downsampleSeries(points, maxPoints);
    series.push({
      runId,
      key,
      points: sampled.points,
      totalPoints: points.length,
      isDownsampled: sampled.isDownsampled,
    });
  }
  const order = new Map(runIds.map((id, index) => [id, index]));
  series.sort((a, b) => a.key.localeCompare(b.key) || order.get(a.runId)! - order.get(b.runId)!);
  return { series };
}

async function readSeries(ctx: ServiceContext, runId: string, key: string): Promise<SeriesPoint[]> {
  // Steps and ms timestamps as float8: numbers straight from the driver, no bigint per point.
  const rows = await ctx.db.$queryRaw<SeriesPoint[]>`
    SELECT "step"::float8 AS step, "timestamp"::float8 AS timestamp, "value"
      FROM "MetricPoint"
     WHERE "runId" = ${runId}::uuid AND "key" = ${key}
     ORDER BY "step", "timestamp", "value"`;
  return rows;
}

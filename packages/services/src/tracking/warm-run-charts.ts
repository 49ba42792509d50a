import { CHART_MAX_POINTS } from '@cairn/core/tracking/downsample';
import type { PrismaClient } from '@cairn/db/client';
import { chartLongSeries } from './chart-long-series';
import { type ChartedSeries, readChartCache, readPointsAfter, writeChartCache } from './metric-chart-cache';

export interface WarmedRunCharts {
  /** Keys whose chart was computed and stored now. */
  chartedKeys: string[];
  /** Keys with a cached chart that already covered every point. */
  currentKeys: string[];
}

/**
 * Computes and keeps the chart of every series of a run longer than a chart may ship, so the first
 * read after a run ends costs a cache lookup instead of a scan of the whole series. Run by the
 * worker when a run ends (warmRunChartsJob); a chart already current is left alone, so a repeat
 * is a no-op. A deleted or unknown run has nothing to warm.
 */
export async function warmRunCharts(
  db: PrismaClient,
  input: { teamId: string; runId: string },
): Promise<WarmedRunCharts> {
  const result: WarmedRunCharts = { chartedKeys: [], currentKeys: [] };
  const run = await db.run.findFirst({
    where: { id: input.runId, teamId: input.teamId, deletedAt: null },
    select: { id: true, latestMetrics: { select: { key: true }, orderBy: { key: 'asc' } } },
  });
  if (!run) return result;
  // One series at a time: each long one is a scan, and the worker shares the database with reads.
  for (const { key } of run.latestMetrics) {
    const series = { runId: run.id, key, maxPoints: CHART_MAX_POINTS };
    const cached = await readChartCache(db, series);
    if (cached && (await readPointsAfter(db, series, cached.last, 1)).length === 0) {
      result.currentKeys.push(key);
      continue;
    }
    // A cached chart only exists for a long series, and points are never removed.
    if (!cached && !(await isLongerThanChart(db, series))) continue;
    await writeChartCache(db, series, await chartLongSeries(db, series));
    result.chartedKeys.push(key);
  }
  return result;
}

/** Whether the series has more points than its chart may hold: a bounded walk of the index. */
async function isLongerThanChart(db: PrismaClient, series: ChartedSeries): Promise<boolean> {
  const [row] = await db.$queryRaw<Array<{ n: number }>>`
    SELECT count(*)::int AS n
      FROM (SELECT 1 FROM "MetricPoint"
             WHERE "runId" = ${series.runId}::uuid AND "key" = ${series.key}
             LIMIT ${series.maxPoints + 1}) AS head`;
  return (row?.n ?? 0) > series.maxPoints;
}

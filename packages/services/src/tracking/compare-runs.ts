import type { CompareRunsInput } from '@cairn/core/schemas/tracking';
import type { ServiceContext } from '../context';
import { findAccessibleRuns } from './tracking-access';
import { type LatestMetricView, type RunDetail, runDetailInclude, toRunDetail } from './tracking-views';

export interface ParamComparison {
  key: string;
  /** One per run, in the order asked; null where the run has no such param. */
  values: Array<string | null>;
  isDifferent: boolean;
}

export interface MetricComparison {
  key: string;
  /** Each run's latest value, in the order asked; null where the run never logged the key. */
  values: Array<LatestMetricView | null>;
}

/** 2–10 runs side by side: their details, every param flagged where runs differ, final metrics. */
export async function compareRuns(
  ctx: ServiceContext,
  input: CompareRunsInput,
): Promise<{ runs: RunDetail[]; params: ParamComparison[]; metrics: MetricComparison[] }> {
  const found = await findAccessibleRuns(ctx.db, ctx, input, 'tracking:read');
  const rows = await ctx.db.run.findMany({
    where: { id: { in: found.map((run) => run.id) } },
    include: runDetailInclude,
  });
  const byId = new Map(rows.map((row) => [row.id, toRunDetail(row)]));
  const runs = found.map((run) => byId.get(run.id)!);
  const paramKeys = [...new Set(runs.flatMap((run) => run.params.map((p) => p.key)))].sort();
  const metricKeys = [...new Set(runs.flatMap((run) => run.metrics.map((m) => m.key)))].sort();
  return {
    runs,
    params: paramKeys.map((key) => {
      const values = runs.map((run) => run.params.find((p) => p.key === key)?.value ?? null);
      return { key, values, isDifferent: new Set(values).size > 1 };
    }),
    metrics: metricKeys.map((key) => ({
      key,
      values: runs.map((run) => run.metrics.find((m) => m.key === key) ?? null),
    })),
  };
}

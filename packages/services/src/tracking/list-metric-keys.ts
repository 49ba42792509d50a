import type { ListMetricKeysInput } from '@cairn/core/schemas/tracking';
import type { ServiceContext } from '../context';
import { findAccessibleExperiment, findAccessibleRuns } from './tracking-access';

/** The metric keys logged in an experiment's active runs, or in the given runs; sorted. */
export async function listMetricKeys(ctx: ServiceContext, input: ListMetricKeysInput): Promise<string[]> {
  if (input.experimentId) {
    const experiment = await findAccessibleExperiment(
      ctx.db,
      ctx,
      { teamId: input.teamId, experimentId: input.experimentId },
      'tracking:read',
    );
    const rows = await ctx.db.$queryRaw<Array<{ key: string }>>`
      SELECT DISTINCT l."key"
        FROM "RunLatestMetric" l JOIN "Run" r ON r."id" = l."runId"
       WHERE r."experimentId" = ${experiment.id}::uuid AND r."deletedAt" IS NULL
       ORDER BY l."key"`;
    return rows.map((row) => row.key);
  }
  const runs = await findAccessibleRuns(
    ctx.db,
    ctx,
    { teamId: input.teamId, runIds: input.runIds ?? [] },
    'tracking:read',
  );
  const rows = await ctx.db.runLatestMetric.findMany({
    where: { runId: { in: runs.map((run) => run.id) } },
    distinct: ['key'],
    select: { key: true },
    orderBy: { key: 'asc' },
  });
  return rows.map((row) => row.key);
}

import type { ListExperimentsInput } from '@cairn/core/schemas/tracking';
import type { ServiceContext } from '../context';
import { findAccessibleProject, isUuid } from './tracking-access';
import { type ExperimentView, experimentInclude, toExperimentView } from './tracking-views';

export interface ExperimentListItem extends ExperimentView {
  /** Active runs. */
  runCount: number;
  lastRunAt: Date | null;
}

/** A project's experiments, newest first, by keyset on the time-ordered id; with run counts. */
export async function listExperiments(
  ctx: ServiceContext,
  input: ListExperimentsInput,
): Promise<{ items: ExperimentListItem[]; nextCursor: string | undefined }> {
  const project = await findAccessibleProject(ctx.db, ctx, input, 'tracking:read');
  const cursor = input.cursor && isUuid(input.cursor) ? input.cursor : undefined;
  const rows = await ctx.db.experiment.findMany({
    where: {
      projectId: project.id,
      ...(input.includeDeleted ? {} : { deletedAt: null }),
      ...(input.nameContains ? { name: { contains: input.nameContains, mode: 'insensitive' } } : {}),
      ...(cursor ? { id: { lt: cursor } } : {}),
    },
    orderBy: { id: 'desc' },
    take: input.limit + 1,
    include: experimentInclude,
  });
  const page = rows.slice(0, input.limit);
  const stats = await ctx.db.run.groupBy({
    by: ['experimentId'],
    where: { experimentId: { in: page.map((row) => row.id) }, deletedAt: null },
    _count: { _all: true },
    _max: { startTime: true },
  });
  const statsOf = new Map(stats.map((s) => [s.experimentId, s]));
  return {
    items: page.map((row) => ({
      ...toExperimentView(row),
      runCount: statsOf.get(row.id)?._count._all ?? 0,
      lastRunAt: statsOf.get(row.id)?._max.startTime ?? null,
    })),
    nextCursor: rows.length > input.limit ? page[page.length - 1]?.id : undefined,
  };
}

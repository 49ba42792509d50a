import { notFound } from '@cairn/core/errors';
import type { ListPipelinesInput } from '@cairn/core/schemas/pipeline';
import type { ServiceContext } from '../context';

const RECENT_RUNS = 5;

/** A project's pipelines with their latest runs, newest first. */
export async function listPipelines(ctx: ServiceContext, input: ListPipelinesInput) {
  const project = await ctx.db.project.findFirst({ where: { id: input.projectId, teamId: input.teamId } });
  if (!project) throw notFound('Project');
  return ctx.db.pipeline.findMany({
    where: { projectId: project.id },
    orderBy: { id: 'desc' },
    include: { runs: { orderBy: { id: 'desc' }, take: RECENT_RUNS } },
  });
}

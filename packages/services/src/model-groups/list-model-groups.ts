import { notFound } from '@cairn/core/errors';
import type { ListModelGroupsInput } from '@cairn/core/schemas/model-group';
import type { ServiceContext } from '../context';

/** A project's model groups, newest first, with where each stands in SageMaker. */
export async function listModelGroups(ctx: ServiceContext, input: ListModelGroupsInput) {
  const project = await ctx.db.project.findFirst({ where: { id: input.projectId, teamId: input.teamId } });
  if (!project) throw notFound('Project');
  return ctx.db.modelGroup.findMany({ where: { projectId: project.id }, orderBy: { id: 'desc' } });
}

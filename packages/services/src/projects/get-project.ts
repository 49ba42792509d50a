import { notFound } from '@cairn/core/errors';
import type { ProjectRefInput } from '@cairn/core/schemas/project';
import type { ServiceContext } from '../context';

/** One project of the team; another team's project id answers NOT_FOUND. */
export async function getProject(ctx: ServiceContext, input: ProjectRefInput) {
  const project = await ctx.db.project.findFirst({
    where: { id: input.projectId, teamId: input.teamId },
    include: { team: { select: { name: true } } },
  });
  if (!project) throw notFound('Project');
  return {
    id: project.id,
    teamId: project.teamId,
    teamName: project.team.name,
    name: project.name,
    slug: project.slug,
    description: project.description,
    isArchived: project.archivedAt !== null,
    archivedAt: project.archivedAt,
    createdAt: project.createdAt,
  };
}

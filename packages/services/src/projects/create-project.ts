import { DomainError } from '@cairn/core/errors';
import type { CreateProjectInput } from '@cairn/core/schemas/project';
import { slugify } from '@cairn/core/slug';
import { recordAudit } from '../audit/record-audit';
import type { ServiceContext } from '../context';

export async function createProject(ctx: ServiceContext, input: CreateProjectInput) {
  const slug = slugify(input.name);
  return ctx.db.$transaction(async (tx) => {
    const clash = await tx.project.findUnique({ where: { teamId_slug: { teamId: input.teamId, slug } } });
    if (clash) {
      throw new DomainError('CONFLICT', `A project named "${clash.name}" already exists in this team`, {
        field: 'name',
      });
    }
    const project = await tx.project.create({
      data: {
        teamId: input.teamId,
        name: input.name,
        slug,
        description: input.description,
        createdById: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
      },
    });
    // Every project deploys to dev, staging and prod, in the team's region until an admin says otherwise.
    const team = await tx.team.findUniqueOrThrow({
      where: { id: input.teamId },
      select: { awsRegion: true },
    });
    await tx.environment.createMany({
      data: (['DEV', 'STAGING', 'PROD'] as const).map((name) => ({
        teamId: input.teamId,
        projectId: project.id,
        name,
        region: team.awsRegion,
        requiresStagingFirst: name === 'PROD',
      })),
    });
    await recordAudit(tx, ctx, {
      action: 'project.create',
      resourceType: 'Project',
      resourceId: project.id,
      teamId: input.teamId,
      after: { name: project.name, slug: project.slug, description: project.description },
    });
    return { id: project.id, teamId: project.teamId, name: project.name, slug: project.slug };
  });
}

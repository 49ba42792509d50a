import { DomainError } from '@cairn/core/errors';
import type { CreateTeamInput } from '@cairn/core/schemas/team';
import { slugify } from '@cairn/core/slug';
import { recordAudit } from '../audit/record-audit';
import type { ServiceContext } from '../context';

/**
 * Creates a team (org admins only; they act as its admin until they add members). Its slug names
 * its IAM role and tags what the worker creates for it, so two teams may not share one.
 */
export async function createTeam(ctx: ServiceContext, input: CreateTeamInput) {
  if (ctx.actor.kind !== 'user' || !ctx.actor.isOrgAdmin) {
    throw new DomainError('FORBIDDEN', 'Only organization admins can create teams');
  }
  const slug = slugify(input.name);
  return ctx.db.$transaction(async (tx) => {
    const clash = await tx.team.findUnique({ where: { slug } });
    if (clash) {
      throw new DomainError('CONFLICT', `A team named "${clash.name}" already exists`, { field: 'name' });
    }
    const team = await tx.team.create({ data: { name: input.name, slug, awsRegion: input.awsRegion } });
    await recordAudit(tx, ctx, {
      action: 'team.create',
      resourceType: 'Team',
      resourceId: team.id,
      teamId: team.id,
      after: { name: team.name, slug: team.slug, awsRegion: team.awsRegion },
    });
    return { id: team.id, name: team.name, slug: team.slug, awsRegion: team.awsRegion };
  });
}

import { DomainError, notFound } from '@cairn/core/errors';
import type { CreateApiTokenInput } from '@cairn/core/schemas/api-token';
import { recordAudit } from '../audit/record-audit';
import type { ServiceContext } from '../context';
import { generateTokenSecret } from './token-secret';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Creates a project-scoped token. The secret is returned here once and never stored. */
export async function createApiToken(ctx: ServiceContext, input: CreateApiTokenInput) {
  if (ctx.actor.kind !== 'user') throw new DomainError('FORBIDDEN', 'Only people can create API tokens');
  const userId = ctx.actor.userId;
  return ctx.db.$transaction(async (tx) => {
    const project = await tx.project.findFirst({ where: { id: input.projectId, teamId: input.teamId } });
    if (!project) throw notFound('Project');
    if (project.archivedAt) throw new DomainError('PRECONDITION_FAILED', 'The project is archived');
    const { prefix, secret, secretHash } = generateTokenSecret();
    const token = await tx.apiToken.create({
      data: {
        teamId: input.teamId,
        projectId: project.id,
        name: input.name,
        prefix,
        secretHash,
        createdById: userId,
        expiresAt: new Date(Date.now() + input.expiresInDays * DAY_MS),
      },
    });
    await recordAudit(tx, ctx, {
      action: 'token.create',
      resourceType: 'ApiToken',
      resourceId: token.id,
      teamId: input.teamId,
      after: { name: token.name, prefix: token.prefix, projectId: project.id, expiresAt: token.expiresAt },
    });
    return { id: token.id, name: token.name, secret, expiresAt: token.expiresAt };
  });
}

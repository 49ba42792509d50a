import { notFound } from '@cairn/core/errors';
import type { ServiceContext } from '../context';

export async function listApiTokens(ctx: ServiceContext, input: { teamId: string; projectId: string }) {
  const project = await ctx.db.project.findFirst({ where: { id: input.projectId, teamId: input.teamId } });
  if (!project) throw notFound('Project');
  const tokens = await ctx.db.apiToken.findMany({
    where: { projectId: project.id },
    orderBy: { id: 'desc' },
    include: { createdBy: { select: { email: true } } },
  });
  const now = Date.now();
  return tokens.map((t) => ({
    id: t.id,
    name: t.name,
    prefix: `cairn_${t.prefix}_`,
    createdBy: t.createdBy.email,
    createdAt: t.createdAt,
    expiresAt: t.expiresAt,
    lastUsedAt: t.lastUsedAt,
    status: t.revokedAt
      ? ('revoked' as const)
      : t.expiresAt.getTime() <= now
        ? ('expired' as const)
        : ('active' as const),
  }));
}

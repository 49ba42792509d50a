import type { ServiceContext } from '../context';
import { latestDisableReasons } from './latest-disable-reasons';

/**
 * The access review: every user with their teams and roles, last sign-in, the API tokens they
 * created (with last use), and whether, since when and why they are disabled.
 */
export async function listUsers(ctx: ServiceContext) {
  const users = await ctx.db.user.findMany({
    orderBy: { email: 'asc' },
    include: {
      memberships: { include: { team: { select: { name: true } } }, orderBy: { team: { name: 'asc' } } },
      apiTokens: {
        orderBy: { id: 'desc' },
        select: {
          id: true,
          name: true,
          prefix: true,
          teamId: true,
          createdAt: true,
          expiresAt: true,
          revokedAt: true,
          lastUsedAt: true,
          project: { select: { id: true, name: true } },
        },
      },
    },
  });
  const reasons = await latestDisableReasons(
    ctx.db,
    users.filter((user) => user.disabledAt !== null).map((user) => user.id),
  );
  const now = new Date();
  return users.map((u) => {
    const tokens = u.apiTokens.map((token) => ({
      id: token.id,
      name: token.name,
      prefix: token.prefix,
      teamId: token.teamId,
      projectId: token.project.id,
      projectName: token.project.name,
      createdAt: token.createdAt,
      expiresAt: token.expiresAt,
      lastUsedAt: token.lastUsedAt,
      status: token.revokedAt
        ? ('revoked' as const)
        : token.expiresAt <= now
          ? ('expired' as const)
          : ('active' as const),
    }));
    return {
      id: u.id,
      email: u.email,
      name: u.name,
      isOrgAdmin: u.isOrgAdmin,
      isDisabled: u.disabledAt !== null,
      disabledAt: u.disabledAt,
      disabledReason: reasons.get(u.id) ?? null,
      lastSignInAt: u.lastSignInAt,
      activeTokenCount: tokens.filter((token) => token.status === 'active').length,
      tokens,
      teams: u.memberships.map((m) => ({ teamId: m.teamId, name: m.team.name, role: m.role })),
    };
  });
}

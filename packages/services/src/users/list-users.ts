import type { ServiceContext } from '../context';

/** Every user with their teams, roles, last sign-in and tokens: the access review. */
export async function listUsers(ctx: ServiceContext) {
  const users = await ctx.db.user.findMany({
    orderBy: { email: 'asc' },
    include: {
      memberships: { include: { team: { select: { name: true } } } },
      _count: { select: { apiTokens: { where: { revokedAt: null } } } },
    },
  });
  return users.map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    isOrgAdmin: u.isOrgAdmin,
    isDisabled: u.disabledAt !== null,
    lastSignInAt: u.lastSignInAt,
    activeTokenCount: u._count.apiTokens,
    teams: u.memberships.map((m) => ({ teamId: m.teamId, name: m.team.name, role: m.role })),
  }));
}

import type { ServiceContext } from '../context';

/** The teams the actor belongs to; every team for org admins. */
export async function listTeams(ctx: ServiceContext) {
  const { actor } = ctx;
  if (actor.kind !== 'user') return [];
  const teams = await ctx.db.team.findMany({
    where: actor.isOrgAdmin ? {} : { memberships: { some: { userId: actor.userId } } },
    orderBy: { name: 'asc' },
    include: { _count: { select: { projects: { where: { archivedAt: null } }, memberships: true } } },
  });
  return teams.map((team) => ({
    id: team.id,
    name: team.name,
    slug: team.slug,
    role: actor.memberships.find((m) => m.teamId === team.id)?.role ?? null,
    projectCount: team._count.projects,
    memberCount: team._count.memberships,
  }));
}

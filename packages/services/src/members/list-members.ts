import type { ServiceContext } from '../context';

export async function listMembers(ctx: ServiceContext, input: { teamId: string }) {
  const members = await ctx.db.membership.findMany({
    where: { teamId: input.teamId },
    include: {
      user: { select: { id: true, email: true, name: true, disabledAt: true, lastSignInAt: true } },
    },
  });
  return members
    .map((m) => ({
      userId: m.user.id,
      email: m.user.email,
      name: m.user.name,
      role: m.role,
      isDisabled: m.user.disabledAt !== null,
      lastSignInAt: m.user.lastSignInAt,
      joinedAt: m.createdAt,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

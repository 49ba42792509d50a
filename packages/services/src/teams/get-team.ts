import { notFound } from '@cairn/core/errors';
import type { ServiceContext } from '../context';

export async function getTeam(ctx: ServiceContext, input: { teamId: string }) {
  const team = await ctx.db.team.findUnique({
    where: { id: input.teamId },
    select: { id: true, name: true, slug: true, awsRegion: true, iamRoleArn: true, createdAt: true },
  });
  if (!team) throw notFound('Team');
  return team;
}

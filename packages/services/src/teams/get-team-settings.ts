import { notFound } from '@cairn/core/errors';
import type { ServiceContext } from '../context';
import { listEnvironmentRoles } from './list-environment-roles';

/** The team's AWS wiring as its admins edit it, and the environments that use a role of their own. */
export async function getTeamSettings(ctx: ServiceContext, input: { teamId: string }) {
  const team = await ctx.db.team.findUnique({ where: { id: input.teamId } });
  if (!team) throw notFound('Team');
  return {
    teamId: team.id,
    iamRoleArn: team.iamRoleArn,
    iamExternalId: team.iamExternalId,
    awsRegion: team.awsRegion,
    permissionBoundaryNote: team.permissionBoundaryNote,
    environmentRoles: await listEnvironmentRoles(ctx.db, team.id),
  };
}

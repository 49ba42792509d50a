import { notFound } from '@cairn/core/errors';
import type { UpdateTeamSettingsInput } from '@cairn/core/schemas/team';
import { recordAudit } from '../audit/record-audit';
import type { ServiceContext } from '../context';

/** Sets the IAM role the worker assumes for the team, its region and the note on what bounds the role; audited. */
export async function updateTeamSettings(ctx: ServiceContext, input: UpdateTeamSettingsInput) {
  return ctx.db.$transaction(async (tx) => {
    const team = await tx.team.findUnique({ where: { id: input.teamId } });
    if (!team) throw notFound('Team');
    const before = {
      iamRoleArn: team.iamRoleArn,
      // The external id guards the role's trust policy: the audit trail says whether it changed, not what it is.
      hasExternalId: team.iamExternalId !== null,
      awsRegion: team.awsRegion,
      permissionBoundaryNote: team.permissionBoundaryNote,
    };
    const updated = await tx.team.update({
      where: { id: team.id },
      data: {
        iamRoleArn: input.iamRoleArn,
        iamExternalId: input.iamExternalId,
        awsRegion: input.awsRegion,
        permissionBoundaryNote: input.permissionBoundaryNote,
      },
    });
    const after = {
      iamRoleArn: updated.iamRoleArn,
      hasExternalId: updated.iamExternalId !== null,
      isExternalIdChanged: team.iamExternalId !== updated.iamExternalId,
      awsRegion: updated.awsRegion,
      permissionBoundaryNote: updated.permissionBoundaryNote,
    };
    await recordAudit(tx, ctx, {
      action: 'team.updateSettings',
      resourceType: 'Team',
      resourceId: team.id,
      teamId: team.id,
      before,
      after,
    });
    return { teamId: team.id, ...after };
  });
}

import { createTeamInput, teamRefInput, updateTeamSettingsInput } from '@cairn/core/schemas/team';
import { listAwsAccessChecks } from '@cairn/services/aws-access/list-aws-access-checks';
import { requestAwsAccessCheck } from '@cairn/services/aws-access/request-aws-access-check';
import { createTeam } from '@cairn/services/teams/create-team';
import { getTeam } from '@cairn/services/teams/get-team';
import { getTeamIamPolicies } from '@cairn/services/teams/get-team-iam-policies';
import { getTeamSettings } from '@cairn/services/teams/get-team-settings';
import { listTeams } from '@cairn/services/teams/list-teams';
import { updateTeamSettings } from '@cairn/services/teams/update-team-settings';
import { createRouter, orgAdminProcedure, protectedProcedure, teamProcedure } from '../trpc';

export const teamRouter = createRouter({
  list: protectedProcedure.query(({ ctx }) => listTeams(ctx)),
  create: orgAdminProcedure.input(createTeamInput).mutation(({ ctx, input }) => createTeam(ctx, input)),
  byId: teamProcedure('team:read')
    .input(teamRefInput)
    .query(async ({ ctx, input }) => ({ ...(await getTeam(ctx, input)), role: ctx.role })),
  settings: teamProcedure('team:settings')
    .input(teamRefInput)
    .query(({ ctx, input }) => getTeamSettings(ctx, input)),
  iamPolicies: teamProcedure('team:settings')
    .input(teamRefInput)
    .query(({ ctx, input }) =>
      getTeamIamPolicies(ctx, { ...input, workerRoleArn: ctx.awsWorkerRoleArn ?? null }),
    ),
  updateSettings: teamProcedure('team:settings')
    .input(updateTeamSettingsInput)
    .mutation(({ ctx, input }) => updateTeamSettings(ctx, input)),
  awsChecks: teamProcedure('team:settings')
    .input(teamRefInput)
    .query(({ ctx, input }) => listAwsAccessChecks(ctx, input)),
  checkAwsAccess: teamProcedure('team:settings')
    .input(teamRefInput)
    .mutation(({ ctx, input }) => requestAwsAccessCheck(ctx, input)),
});

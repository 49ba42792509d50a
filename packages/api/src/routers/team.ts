import { teamRefInput } from '@cairn/core/schemas/team';
import { getTeam } from '@cairn/services/teams/get-team';
import { listTeams } from '@cairn/services/teams/list-teams';
import { createRouter, protectedProcedure, teamProcedure } from '../trpc';

export const teamRouter = createRouter({
  list: protectedProcedure.query(({ ctx }) => listTeams(ctx)),
  byId: teamProcedure('team:read')
    .input(teamRefInput)
    .query(async ({ ctx, input }) => ({ ...(await getTeam(ctx, input)), role: ctx.role })),
});

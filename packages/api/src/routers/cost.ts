import { orgCostOverviewInput, recomputeCostsInput, teamCostsInput } from '@cairn/core/schemas/cost';
import { getOrgCostOverview } from '@cairn/services/costs/get-org-cost-overview';
import { getTeamCosts } from '@cairn/services/costs/get-team-costs';
import { requestCostRecompute } from '@cairn/services/costs/request-cost-recompute';
import { createRouter, orgAdminProcedure, teamProcedure } from '../trpc';

export const costRouter = createRouter({
  /** One team's month: by project, resource kind, deployment and day, with the forecast. */
  team: teamProcedure('team:settings')
    .input(teamCostsInput)
    .query(({ ctx, input }) => getTeamCosts(ctx, input)),
  /** Every team's month-to-date spend against its budget. */
  overview: orgAdminProcedure
    .input(orgCostOverviewInput)
    .query(({ ctx, input }) => getOrgCostOverview(ctx, input)),
  /** Recompute a range of days for every team (backfill). */
  recompute: orgAdminProcedure
    .input(recomputeCostsInput)
    .mutation(({ ctx, input }) => requestCostRecompute(ctx, input)),
});

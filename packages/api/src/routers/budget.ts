import { budgetTeamInput, deleteBudgetInput, saveBudgetInput } from '@cairn/core/schemas/budget';
import { deleteBudget } from '@cairn/services/budgets/delete-budget';
import { listBudgets } from '@cairn/services/budgets/list-budgets';
import { saveBudget } from '@cairn/services/budgets/save-budget';
import { createRouter, orgAdminProcedure, teamProcedure } from '../trpc';

export const budgetRouter = createRouter({
  /** Team admins and org admins see the team's budgets, this month's spend and crossings. */
  list: teamProcedure('team:settings')
    .input(budgetTeamInput)
    .query(({ ctx, input }) => listBudgets(ctx, input)),
  save: orgAdminProcedure.input(saveBudgetInput).mutation(({ ctx, input }) => saveBudget(ctx, input)),
  delete: orgAdminProcedure.input(deleteBudgetInput).mutation(({ ctx, input }) => deleteBudget(ctx, input)),
});

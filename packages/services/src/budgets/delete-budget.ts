import { notFound } from '@cairn/core/errors';
import type { DeleteBudgetInput } from '@cairn/core/schemas/budget';
import { recordAudit } from '../audit/record-audit';
import type { ServiceContext } from '../context';
import { authorizeCostAccess } from './budget-access';

/** Removes a budget (its crossings go with it); org admins only, audited. */
export async function deleteBudget(ctx: ServiceContext, input: DeleteBudgetInput) {
  await authorizeCostAccess(ctx.db, ctx.actor, input.teamId, 'edit');
  return ctx.db.$transaction(async (tx) => {
    const budget = await tx.budget.findFirst({ where: { id: input.budgetId, teamId: input.teamId } });
    if (!budget) throw notFound('Budget');
    await tx.budget.delete({ where: { id: budget.id } });
    await recordAudit(tx, ctx, {
      action: 'budget.delete',
      resourceType: 'Budget',
      resourceId: budget.id,
      teamId: budget.teamId,
      before: {
        projectId: budget.projectId,
        monthlyUsd: Number(budget.monthlyUsd),
        thresholdsPercent: budget.thresholdsPercent,
        ownerId: budget.ownerId,
      },
    });
    return { id: budget.id };
  });
}

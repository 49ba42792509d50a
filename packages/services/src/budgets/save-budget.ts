import { invalidInput, notFound } from '@cairn/core/errors';
import type { SaveBudgetInput } from '@cairn/core/schemas/budget';
import { recordAudit } from '../audit/record-audit';
import type { ServiceContext } from '../context';
import { authorizeCostAccess } from './budget-access';

const view = (budget: {
  id: string;
  projectId: string | null;
  monthlyUsd: unknown;
  thresholdsPercent: number[];
  ownerId: string | null;
}) => ({
  id: budget.id,
  projectId: budget.projectId,
  monthlyUsd: Number(budget.monthlyUsd),
  thresholdsPercent: budget.thresholdsPercent,
  ownerId: budget.ownerId,
});

/**
 * Sets the team's monthly budget (projectId null) or one project's: creates it, or updates the one
 * that scope already has. Org admins only; audited with before and after.
 */
export async function saveBudget(ctx: ServiceContext, input: SaveBudgetInput) {
  await authorizeCostAccess(ctx.db, ctx.actor, input.teamId, 'edit');
  return ctx.db.$transaction(async (tx) => {
    // One budget per scope: concurrent saves of the same scope take turns.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`budget:${input.teamId}:${input.projectId ?? 'team'}`}))`;
    if (input.projectId) {
      const project = await tx.project.findFirst({ where: { id: input.projectId, teamId: input.teamId } });
      if (!project) throw notFound('Project');
    }
    if (input.ownerId) {
      const owner = await tx.user.findFirst({
        where: {
          id: input.ownerId,
          disabledAt: null,
          OR: [{ isOrgAdmin: true }, { memberships: { some: { teamId: input.teamId } } }],
        },
      });
      if (!owner)
        throw invalidInput('Owner must be a member of the team or an organization admin', 'ownerId');
    }
    const existing = await tx.budget.findFirst({
      where: { teamId: input.teamId, projectId: input.projectId },
    });
    const data = {
      monthlyUsd: input.monthlyUsd,
      thresholdsPercent: input.thresholdsPercent,
      ownerId: input.ownerId,
    };
    const saved = existing
      ? await tx.budget.update({ where: { id: existing.id }, data: { ...data, updatedAt: new Date() } })
      : await tx.budget.create({ data: { ...data, teamId: input.teamId, projectId: input.projectId } });
    await recordAudit(tx, ctx, {
      action: existing ? 'budget.update' : 'budget.create',
      resourceType: 'Budget',
      resourceId: saved.id,
      teamId: input.teamId,
      before: existing ? view(existing) : null,
      after: view(saved),
    });
    return view(saved);
  });
}

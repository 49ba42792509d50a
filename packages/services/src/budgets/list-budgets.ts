import { percentOfBudget } from '@cairn/core/costs/budget-status';
import { monthStart, nextMonthStart } from '@cairn/core/costs/cost-calendar';
import type { BudgetTeamInput } from '@cairn/core/schemas/budget';
import type { ServiceContext } from '../context';
import { authorizeCostAccess } from './budget-access';

const RECENT_CROSSINGS = 24;

/**
 * The team's budgets with this month's spend against each, the thresholds crossed (most recent
 * first), and whether the caller may edit them (org admins).
 */
export async function listBudgets(ctx: ServiceContext, input: BudgetTeamInput & { now?: Date }) {
  const { canEdit } = await authorizeCostAccess(ctx.db, ctx.actor, input.teamId, 'view');
  const now = input.now ?? new Date();
  const month = { gte: monthStart(now), lt: nextMonthStart(now) };
  const [budgets, teamSpend, projectSpend, projects, owners] = await Promise.all([
    ctx.db.budget.findMany({
      where: { teamId: input.teamId },
      include: {
        owner: { select: { id: true, name: true, email: true } },
        project: { select: { name: true } },
        crossings: { orderBy: [{ month: 'desc' }, { thresholdPercent: 'desc' }], take: RECENT_CROSSINGS },
      },
      orderBy: [{ projectId: { sort: 'asc', nulls: 'first' } }, { createdAt: 'asc' }],
    }),
    ctx.db.costEntry.aggregate({ where: { teamId: input.teamId, day: month }, _sum: { amountUsd: true } }),
    ctx.db.costEntry.groupBy({
      by: ['projectId'],
      where: { teamId: input.teamId, day: month },
      _sum: { amountUsd: true },
    }),
    ctx.db.project.findMany({
      where: { teamId: input.teamId, archivedAt: null },
      select: { id: true, name: true },
      orderBy: { name: 'asc' },
    }),
    ctx.db.user.findMany({
      where: {
        disabledAt: null,
        OR: [{ isOrgAdmin: true }, { memberships: { some: { teamId: input.teamId } } }],
      },
      select: { id: true, name: true, email: true },
      orderBy: { name: 'asc' },
    }),
  ]);
  const spendByProject = new Map(projectSpend.map((row) => [row.projectId, Number(row._sum.amountUsd ?? 0)]));
  return {
    canEdit,
    projects,
    /** Who may own a budget: the team's members and the org admins. */
    owners,
    budgets: budgets.map((budget) => {
      const monthlyUsd = Number(budget.monthlyUsd);
      const spentUsd = budget.projectId
        ? (spendByProject.get(budget.projectId) ?? 0)
        : Number(teamSpend._sum.amountUsd ?? 0);
      return {
        id: budget.id,
        projectId: budget.projectId,
        projectName: budget.project?.name ?? null,
        monthlyUsd,
        thresholdsPercent: budget.thresholdsPercent,
        owner: budget.owner,
        spentUsd,
        percentUsed: percentOfBudget(spentUsd, monthlyUsd),
        crossings: budget.crossings.map((crossing) => ({
          id: crossing.id,
          month: crossing.month,
          thresholdPercent: crossing.thresholdPercent,
          spentUsd: Number(crossing.spentUsd),
          crossedAt: crossing.crossedAt,
        })),
      };
    }),
  };
}

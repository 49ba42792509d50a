import { forecastMonthEndUsd, percentOfBudget } from '@cairn/core/costs/budget-status';
import { isoDay } from '@cairn/core/costs/cost-calendar';
import type { OrgCostOverviewInput } from '@cairn/core/schemas/cost';
import { authorizeOrgCostAccess } from '../budgets/budget-access';
import type { ServiceContext } from '../context';
import { costMonth, daysSoFar } from './cost-month';

const usd = (value: unknown) => Math.round(Number(value ?? 0) * 100) / 100;

/**
 * Every team's month-to-date spend against its team-wide budget, with the forecast to month end
 * (month-to-date over elapsed days, times the days in the month) and the daily spend of each team
 * for the trend chart. Org admins only.
 */
export async function getOrgCostOverview(ctx: ServiceContext, input: OrgCostOverviewInput & { now?: Date }) {
  authorizeOrgCostAccess(ctx.actor);
  const { start, end, asOf } = costMonth(input.month, input.now ?? new Date());
  const day = { gte: start, lt: end };
  const [teams, spend, daily] = await Promise.all([
    ctx.db.team.findMany({
      select: {
        id: true,
        name: true,
        budgets: { where: { projectId: null }, select: { monthlyUsd: true }, take: 1 },
      },
      orderBy: { name: 'asc' },
    }),
    ctx.db.costEntry.groupBy({ by: ['teamId'], where: { day }, _sum: { amountUsd: true } }),
    ctx.db.costEntry.groupBy({
      by: ['day', 'teamId'],
      where: { day },
      _sum: { amountUsd: true },
      orderBy: { day: 'asc' },
    }),
  ]);
  const spentByTeam = new Map(spend.map((row) => [row.teamId, usd(row._sum.amountUsd)]));
  const rows = teams.map((team) => {
    const monthToDateUsd = spentByTeam.get(team.id) ?? 0;
    const budgetUsd = team.budgets[0] ? Number(team.budgets[0].monthlyUsd) : null;
    const forecastUsd = usd(forecastMonthEndUsd(monthToDateUsd, asOf));
    return {
      teamId: team.id,
      name: team.name,
      monthToDateUsd,
      budgetUsd,
      percentUsed: budgetUsd === null ? null : percentOfBudget(monthToDateUsd, budgetUsd),
      forecastUsd,
      isOverBudget: budgetUsd !== null && monthToDateUsd > budgetUsd,
      isForecastOverBudget: budgetUsd !== null && forecastUsd > budgetUsd,
    };
  });
  const byDay = new Map<string, Record<string, number>>(daysSoFar(start, asOf).map((dayKey) => [dayKey, {}]));
  for (const row of daily) {
    const key = isoDay(row.day);
    const entry = byDay.get(key) ?? {};
    entry[row.teamId] = usd(row._sum.amountUsd);
    byDay.set(key, entry);
  }
  return {
    month: isoDay(start),
    teams: rows.sort((a, b) => b.monthToDateUsd - a.monthToDateUsd),
    totalUsd: usd(rows.reduce((sum, row) => sum + row.monthToDateUsd, 0)),
    daily: [...byDay.entries()].map(([dayKey, byTeam]) => ({ day: dayKey, byTeam })),
  };
}

import { forecastMonthEndUsd } from '@cairn/core/costs/budget-status';
import { isoDay } from '@cairn/core/costs/cost-calendar';
import type { TeamCostsInput } from '@cairn/core/schemas/cost';
import { authorizeCostAccess } from '../budgets/budget-access';
import type { ServiceContext } from '../context';
import { deploymentPath } from '../monitoring/monitoring-links';
import { costMonth, daysSoFar } from './cost-month';

const TOP_SPENDERS = 10;

const usd = (value: unknown) => Math.round(Number(value ?? 0) * 100) / 100;

/**
 * A team's spend in one month: the total, a forecast to month end (month-to-date over the days
 * elapsed, times the days in the month), per day, per project, per resource kind, and the
 * deployments that cost most with links to their pages.
 */
export async function getTeamCosts(ctx: ServiceContext, input: TeamCostsInput & { now?: Date }) {
  await authorizeCostAccess(ctx.db, ctx.actor, input.teamId, 'view');
  const { start, end, asOf } = costMonth(input.month, input.now ?? new Date());
  const where = { teamId: input.teamId, day: { gte: start, lt: end } };
  const [team, total, byDay, byProject, byKind, byDeployment] = await Promise.all([
    ctx.db.team.findUniqueOrThrow({ where: { id: input.teamId }, select: { id: true, name: true } }),
    ctx.db.costEntry.aggregate({ where, _sum: { amountUsd: true } }),
    ctx.db.costEntry.groupBy({ by: ['day'], where, _sum: { amountUsd: true }, orderBy: { day: 'asc' } }),
    ctx.db.costEntry.groupBy({ by: ['projectId'], where, _sum: { amountUsd: true } }),
    ctx.db.costEntry.groupBy({ by: ['resourceKind'], where, _sum: { amountUsd: true } }),
    ctx.db.costEntry.groupBy({
      by: ['deploymentId'],
      where: { ...where, deploymentId: { not: null } },
      _sum: { amountUsd: true },
      orderBy: { _sum: { amountUsd: 'desc' } },
      take: TOP_SPENDERS,
    }),
  ]);
  const projectIds = byProject.flatMap((row) => (row.projectId ? [row.projectId] : []));
  const deploymentIds = byDeployment.flatMap((row) => (row.deploymentId ? [row.deploymentId] : []));
  const [projects, deployments] = await Promise.all([
    ctx.db.project.findMany({ where: { id: { in: projectIds } }, select: { id: true, name: true } }),
    ctx.db.deployment.findMany({
      where: { id: { in: deploymentIds } },
      select: {
        id: true,
        projectId: true,
        awsResourceName: true,
        type: true,
        status: true,
        environment: { select: { name: true } },
        project: { select: { name: true } },
        modelVersion: { select: { version: true, modelGroup: { select: { name: true } } } },
      },
    }),
  ]);
  const projectName = new Map(projects.map((project) => [project.id, project.name]));
  const deploymentById = new Map(deployments.map((deployment) => [deployment.id, deployment]));
  const monthToDateUsd = usd(total._sum.amountUsd);
  const spentByDay = new Map(byDay.map((row) => [isoDay(row.day), usd(row._sum.amountUsd)]));
  return {
    team,
    month: isoDay(start),
    monthToDateUsd,
    forecastUsd: usd(forecastMonthEndUsd(monthToDateUsd, asOf)),
    daily: daysSoFar(start, asOf).map((day) => ({ day, usd: spentByDay.get(day) ?? 0 })),
    byProject: byProject
      .map((row) => ({
        projectId: row.projectId,
        name: row.projectId ? (projectName.get(row.projectId) ?? 'Deleted project') : 'Team-wide',
        usd: usd(row._sum.amountUsd),
      }))
      .sort((a, b) => b.usd - a.usd),
    byResourceKind: byKind
      .map((row) => ({ resourceKind: row.resourceKind, usd: usd(row._sum.amountUsd) }))
      .sort((a, b) => b.usd - a.usd),
    topDeployments: byDeployment.flatMap((row) => {
      const deployment = row.deploymentId ? deploymentById.get(row.deploymentId) : undefined;
      if (!deployment) return [];
      return [
        {
          deploymentId: deployment.id,
          name: deployment.awsResourceName,
          model: `${deployment.modelVersion.modelGroup.name} v${deployment.modelVersion.version}`,
          projectName: deployment.project.name,
          environment: deployment.environment.name,
          type: deployment.type,
          status: deployment.status,
          path: deploymentPath(input.teamId, deployment.projectId, deployment.id),
          usd: usd(row._sum.amountUsd),
        },
      ];
    }),
  };
}

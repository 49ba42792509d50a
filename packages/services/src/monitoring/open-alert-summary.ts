import { roleInTeam } from '@cairn/core/actor';
import { DomainError, notFound } from '@cairn/core/errors';
import type { OpenAlertSummaryInput } from '@cairn/core/monitoring/monitoring-schemas';
import type { ServiceContext } from '../context';
import { ALERT_VIEW_INCLUDE } from './alert-view';

const LATEST = 5;

/**
 * Open alerts (firing or acknowledged) by severity, with the latest few, for the home page (every
 * team of the person) or a team's or project's page.
 */
export async function openAlertSummary(ctx: ServiceContext, input: OpenAlertSummaryInput) {
  const { actor } = ctx;
  if (actor.kind !== 'user') throw new DomainError('FORBIDDEN', 'Only people can read alert summaries');
  let teamIds: string[];
  if (input.teamId) {
    if (!actor.isOrgAdmin && !roleInTeam(actor, input.teamId)) throw notFound('Team');
    teamIds = [input.teamId];
  } else {
    teamIds = actor.memberships.map((membership) => membership.teamId);
  }
  if (input.projectId) {
    const project = await ctx.db.project.findFirst({
      where: { id: input.projectId, teamId: { in: teamIds } },
      select: { id: true },
    });
    if (!project) throw notFound('Project');
  }
  const where = {
    teamId: { in: teamIds },
    status: { in: ['FIRING', 'ACKNOWLEDGED'] as ('FIRING' | 'ACKNOWLEDGED')[] },
    ...(input.projectId ? { projectId: input.projectId } : {}),
  };
  const [counts, latest] = await Promise.all([
    ctx.db.alert.groupBy({ by: ['severity', 'status'], where, _count: { _all: true } }),
    ctx.db.alert.findMany({
      where,
      orderBy: { firedAt: 'desc' },
      take: LATEST,
      include: {
        ...ALERT_VIEW_INCLUDE,
        deployment: {
          select: { ...ALERT_VIEW_INCLUDE.deployment.select, project: { select: { id: true, name: true } } },
        },
      },
    }),
  ]);
  const bySeverity = { CRITICAL: 0, WARNING: 0, INFO: 0 };
  let firing = 0;
  for (const row of counts) {
    bySeverity[row.severity] += row._count._all;
    if (row.status === 'FIRING') firing += row._count._all;
  }
  return {
    total: bySeverity.CRITICAL + bySeverity.WARNING + bySeverity.INFO,
    firing,
    bySeverity,
    latest: latest.map((alert) => ({
      id: alert.id,
      teamId: alert.teamId,
      projectId: alert.projectId,
      projectName: alert.deployment.project.name,
      deploymentId: alert.deploymentId,
      endpointName: alert.deployment.awsResourceName,
      environment: alert.deployment.environment.name,
      ruleName: alert.ruleName,
      metric: alert.metric,
      severity: alert.severity,
      status: alert.status,
      firedAt: alert.firedAt,
      lastValue: alert.lastValue,
    })),
  };
}

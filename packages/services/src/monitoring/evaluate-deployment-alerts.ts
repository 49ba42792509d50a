import { evaluateAlertRule, type MinutePoint } from '@cairn/core/monitoring/evaluate-alert-rule';
import type { PrismaClient } from '@cairn/db/client';
import type { JobQueue } from '../jobs/job-queue';
import { type AlertDeployment, type AlertOutcome, recordAlertEvaluation } from './record-alert-evaluation';

const MINUTE_MS = 60_000;

/**
 * Evaluates a deployment's enabled rules (its own and the project-wide ones) against the minutes
 * stored for the endpoint as a whole, and records each decision. Answers the outcome per rule.
 */
export async function evaluateDeploymentAlerts(
  db: PrismaClient,
  input: { deployment: AlertDeployment; now: Date; jobId: string; queue?: JobQueue; portalUrl?: string },
): Promise<{ ruleId: string; outcome: AlertOutcome }[]> {
  const { deployment, now } = input;
  const rules = await db.alertRule.findMany({
    where: {
      projectId: deployment.projectId,
      isEnabled: true,
      OR: [{ deploymentId: deployment.id }, { deploymentId: null }],
    },
    orderBy: { id: 'asc' },
  });
  if (rules.length === 0) return [];
  const spanMinutes = Math.max(...rules.map((rule) => rule.windowMinutes * rule.evaluationPeriods));
  const [points, alerts] = await Promise.all([
    db.deploymentMetricPoint.findMany({
      where: {
        deploymentId: deployment.id,
        variant: '',
        metric: { in: [...new Set(rules.map((rule) => rule.metric))] },
        minute: { gte: new Date(now.getTime() - spanMinutes * MINUTE_MS), lt: now },
      },
      orderBy: { minute: 'asc' },
      select: { metric: true, minute: true, value: true },
    }),
    // Each rule's open alert, and its latest resolved one for the re-fire cooldown.
    db.$queryRaw<{ ruleId: string; status: string; lastValue: number; resolvedAt: Date | null }[]>`
      SELECT DISTINCT ON ("ruleId", status = 'RESOLVED') "ruleId", status::text, "lastValue", "resolvedAt"
      FROM "Alert"
      WHERE "deploymentId" = ${deployment.id}::uuid AND "ruleId" = ANY(${rules.map((rule) => rule.id)}::uuid[])
      ORDER BY "ruleId", status = 'RESOLVED', "firedAt" DESC`,
  ]);
  const byMetric = new Map<string, MinutePoint[]>();
  for (const point of points) {
    const list = byMetric.get(point.metric) ?? [];
    list.push({ minute: point.minute, value: point.value });
    byMetric.set(point.metric, list);
  }
  const outcomes: { ruleId: string; outcome: AlertOutcome }[] = [];
  for (const rule of rules) {
    const open = alerts.find((alert) => alert.ruleId === rule.id && alert.status !== 'RESOLVED');
    const resolved = alerts.find((alert) => alert.ruleId === rule.id && alert.status === 'RESOLVED');
    const evaluation = evaluateAlertRule(
      { ...rule, comparator: rule.comparator },
      byMetric.get(rule.metric) ?? [],
      open ? { lastValue: open.lastValue } : null,
      now,
      { lastResolvedAt: resolved?.resolvedAt ?? null },
    );
    const outcome = await recordAlertEvaluation(db, {
      rule,
      deployment,
      evaluation,
      now,
      jobId: input.jobId,
      ...(input.queue ? { queue: input.queue } : {}),
      ...(input.portalUrl ? { portalUrl: input.portalUrl } : {}),
    });
    outcomes.push({ ruleId: rule.id, outcome });
  }
  return outcomes;
}

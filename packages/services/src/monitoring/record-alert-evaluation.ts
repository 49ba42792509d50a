import type { Actor } from '@cairn/core/actor';
import type { AlertEvaluation } from '@cairn/core/monitoring/evaluate-alert-rule';
import { formatMetricValue } from '@cairn/core/monitoring/metric-catalogue';
import { appendAuditEvent } from '@cairn/db/audit-writer';
import type { PrismaClient } from '@cairn/db/client';
import type { AlertRule } from '@cairn/db/generated/prisma/client';
import { systemRequest } from '../context';
import type { JobQueue } from '../jobs/job-queue';
import { notify } from '../notifications/notify';
import { emitWebhookEvent } from '../webhooks/emit-webhook-event';
import { describeCondition, slackAlertMessage } from './alert-message';
import { deploymentPath } from './monitoring-links';

const MONITOR_ACTOR = {
  kind: 'worker',
  onBehalfOfUserId: null,
  label: 'cairn-monitor',
} as const satisfies Actor;
const OPEN = ['FIRING', 'ACKNOWLEDGED'] as const;

export interface AlertDeployment {
  id: string;
  teamId: string;
  projectId: string;
  awsResourceName: string;
  environmentName: string;
}

export type AlertOutcome = 'fired' | 'updated' | 'resolved' | 'unchanged';

/**
 * Records what an evaluation decided for one rule on one deployment, idempotently: a second fire
 * while an alert is open, or a resolve with none open, changes nothing. A fire opens the alert,
 * tells the project's engineers (and approvers and admins) in the app and announces `alert.fired`
 * on the project's webhook; a resolve closes it and announces `alert.resolved`. Both are audited
 * as the monitor's acts.
 */
export async function recordAlertEvaluation(
  db: PrismaClient,
  input: {
    rule: AlertRule;
    deployment: AlertDeployment;
    evaluation: AlertEvaluation;
    now: Date;
    jobId: string;
    queue?: JobQueue;
    /** Prefix for links in webhook messages (the portal's public URL); paths only without it. */
    portalUrl?: string;
  },
): Promise<AlertOutcome> {
  const { rule, deployment, evaluation, now } = input;
  if (evaluation.kind === 'nothing') return 'unchanged';
  const request = { ...systemRequest(MONITOR_ACTOR.label), requestId: input.jobId };
  const path = deploymentPath(deployment.teamId, deployment.projectId, deployment.id);
  const link = `${input.portalUrl ?? ''}${path}`;
  return db.$transaction(async (tx) => {
    // Two workers evaluating the same minute take turns per rule and deployment.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`alert:${rule.id}:${deployment.id}`}))`;
    const open = await tx.alert.findFirst({
      where: { ruleId: rule.id, deploymentId: deployment.id, status: { in: [...OPEN] } },
    });
    if (evaluation.kind === 'update') {
      if (!open || open.lastValue === evaluation.value) return 'unchanged';
      await tx.alert.update({ where: { id: open.id }, data: { lastValue: evaluation.value } });
      return 'updated';
    }
    if (evaluation.kind === 'resolve') {
      if (!open) return 'unchanged';
      await tx.alert.update({
        where: { id: open.id },
        data: { status: 'RESOLVED', resolvedAt: now, lastValue: evaluation.value },
      });
      await appendAuditEvent(tx, {
        actor: MONITOR_ACTOR,
        request,
        action: 'alert.resolve',
        resourceType: 'Alert',
        resourceId: open.id,
        teamId: deployment.teamId,
        outcome: 'SUCCESS',
        reason: `${describeCondition(rule)} cleared for ${rule.evaluationPeriods} period(s)`,
        before: { status: open.status },
        after: { status: 'RESOLVED', lastValue: evaluation.value },
      });
      await emitWebhookEvent(tx, input.queue, {
        teamId: deployment.teamId,
        projectId: deployment.projectId,
        event: 'alert.resolved',
        data: {
          alertId: open.id,
          ruleId: rule.id,
          deploymentId: deployment.id,
          severity: open.severity,
          value: evaluation.value,
          ...slackAlertMessage({
            kind: 'resolved',
            severity: open.severity,
            rule,
            endpointName: deployment.awsResourceName,
            environment: deployment.environmentName,
            value: evaluation.value,
            link,
          }),
        },
      });
      return 'resolved';
    }
    if (open) return 'unchanged';
    const alert = await tx.alert.create({
      data: {
        teamId: deployment.teamId,
        projectId: deployment.projectId,
        ruleId: rule.id,
        ruleName: rule.name,
        metric: rule.metric,
        condition: describeCondition(rule),
        deploymentId: deployment.id,
        severity: rule.severity,
        firedAt: now,
        firstValue: evaluation.value,
        lastValue: evaluation.value,
      },
    });
    await appendAuditEvent(tx, {
      actor: MONITOR_ACTOR,
      request,
      action: 'alert.fire',
      resourceType: 'Alert',
      resourceId: alert.id,
      teamId: deployment.teamId,
      outcome: 'SUCCESS',
      reason: `${describeCondition(rule)}: ${formatMetricValue(rule.metric, evaluation.value)}`,
      after: { status: 'FIRING', ruleId: rule.id, deploymentId: deployment.id, value: evaluation.value },
    });
    const engineers = await tx.membership.findMany({
      where: {
        teamId: deployment.teamId,
        role: { in: ['ENGINEER', 'APPROVER', 'ADMIN'] },
        user: { disabledAt: null },
      },
      select: { userId: true },
    });
    await notify(
      tx,
      engineers.map((member) => member.userId),
      {
        teamId: deployment.teamId,
        kind: 'alert.fired',
        title: `${rule.severity} alert: ${rule.name} on ${deployment.awsResourceName}`,
        body: `${formatMetricValue(rule.metric, evaluation.value)} (${describeCondition(rule)}) in ${deployment.environmentName}`,
        link: path,
      },
    );
    await emitWebhookEvent(tx, input.queue, {
      teamId: deployment.teamId,
      projectId: deployment.projectId,
      event: 'alert.fired',
      data: {
        alertId: alert.id,
        ruleId: rule.id,
        deploymentId: deployment.id,
        severity: rule.severity,
        metric: rule.metric,
        value: evaluation.value,
        threshold: rule.threshold,
        ...slackAlertMessage({
          kind: 'fired',
          severity: rule.severity,
          rule,
          endpointName: deployment.awsResourceName,
          environment: deployment.environmentName,
          value: evaluation.value,
          link,
        }),
      },
    });
    return 'fired';
  });
}

import { DEFAULT_ALERT_RULES } from '@cairn/core/monitoring/default-alert-rules';
import { describeCondition } from '@cairn/services/monitoring/alert-message';
import type pg from 'pg';
import { insertRows } from './insert-rows';
import { type ScaleSpec, scaleId } from './layout';
import { alertRecipients, readTeamPeople, scaleDraw, scalePick } from './team-people';

const MINUTE_MS = 60_000;
/** Resolved alerts per deployment over the metrics' window: 12 to 19. */
const RESOLVED_PER_DEPLOYMENT = 12;
/** Two deployments in five have an alert open at the seeding (200 of 500). */
const OPEN_SHARE = 2 / 5;
const ACK_NOTES = ['Looking into it.', 'Known: upstream traffic spike.', 'Rolling back the last change.', ''];

/** One alert of the seed, as the notifications part reads it back. */
export interface SeededAlert {
  id: string;
  teamId: string;
  projectId: string;
  deploymentId: string;
  endpointName: string;
  ruleName: string;
  metric: string;
  severity: string;
  condition: string;
  firstValue: number;
  firedAt: Date;
}

/** A value that breaches the rule: 1.5 to 4 times its threshold. */
const breach = (threshold: number, draw: number) => Number((threshold * (1.5 + 2.5 * draw)).toFixed(4));

/**
 * The default rules of every endpoint deployment, as deploying creates them, and their alerts: a
 * history of resolved alerts over the metrics' window (12 to 19 a deployment) and, on two
 * deployments in five, one open alert (a third of them acknowledged by one of the team's people).
 */
export async function seedAlerts(
  client: pg.Client,
  spec: ScaleSpec,
  windowStart: Date,
  anchor: Date,
): Promise<SeededAlert[]> {
  const { seed } = spec;
  const people = await readTeamPeople(client);
  const deployments = (
    await client.query<{
      id: string;
      teamId: string;
      projectId: string;
      awsResourceName: string;
      createdById: string | null;
      createdAt: Date;
    }>(
      `SELECT id, "teamId", "projectId", "awsResourceName", "createdById", "createdAt"
         FROM "Deployment" WHERE type <> 'BATCH' ORDER BY "createdAt", id`,
    )
  ).rows;
  const rules: unknown[][] = [];
  const alerts: unknown[][] = [];
  const seeded: SeededAlert[] = [];
  const span = anchor.getTime() - windowStart.getTime();
  for (const [d, deployment] of deployments.entries()) {
    const ruleIds = DEFAULT_ALERT_RULES.map((rule, r) => {
      const id = scaleId(seed, 'alert-rule', `${deployment.id}:${r}`);
      rules.push([
        id,
        deployment.teamId,
        deployment.projectId,
        deployment.id,
        rule.name,
        rule.metric,
        rule.statistic,
        rule.comparator,
        rule.threshold,
        rule.windowMinutes,
        rule.evaluationPeriods,
        rule.severity,
        true,
        deployment.createdById,
        deployment.createdAt.toISOString(),
      ]);
      return id;
    });
    const resolved = RESOLVED_PER_DEPLOYMENT + Math.floor(8 * scaleDraw(seed, `resolved:${deployment.id}`));
    const isOpen = d % 5 < OPEN_SHARE * 5;
    for (let a = 0; a < resolved + (isOpen ? 1 : 0); a++) {
      const key = `${deployment.id}:${a}`;
      const r = Math.floor(DEFAULT_ALERT_RULES.length * scaleDraw(seed, `alert-rule:${key}`));
      const rule = DEFAULT_ALERT_RULES[r] as (typeof DEFAULT_ALERT_RULES)[number];
      const isResolved = a < resolved;
      // Resolved alerts fall in their own slice of the window, so no two of a deployment overlap.
      const firedAt = isResolved
        ? new Date(
            windowStart.getTime() + ((a + 0.8 * scaleDraw(seed, `fired:${key}`)) * span) / (resolved + 1),
          )
        : new Date(anchor.getTime() - (5 + 2 * 1_440 * scaleDraw(seed, `fired:${key}`)) * MINUTE_MS);
      const firstValue = breach(rule.threshold, scaleDraw(seed, `value:${key}`));
      const lastValue = isResolved
        ? Number((rule.threshold * (0.3 + 0.6 * scaleDraw(seed, `last:${key}`))).toFixed(4))
        : breach(rule.threshold, scaleDraw(seed, `last:${key}`));
      const isAcknowledged = !isResolved && scaleDraw(seed, `ack:${key}`) < 1 / 3;
      const acknowledger = isAcknowledged
        ? scalePick(seed, `acker:${key}`, alertRecipients(people.get(deployment.teamId) ?? []))
        : undefined;
      const id = scaleId(seed, 'alert', key);
      const condition = describeCondition(rule);
      alerts.push([
        id,
        deployment.teamId,
        deployment.projectId,
        ruleIds[r],
        rule.name,
        rule.metric,
        condition,
        deployment.id,
        isResolved ? 'RESOLVED' : isAcknowledged ? 'ACKNOWLEDGED' : 'FIRING',
        rule.severity,
        firedAt.toISOString(),
        firstValue,
        lastValue,
        isAcknowledged ? new Date(firedAt.getTime() + 4 * MINUTE_MS).toISOString() : null,
        acknowledger?.userId ?? null,
        isAcknowledged ? scalePick(seed, `note:${key}`, ACK_NOTES) : null,
        isResolved
          ? new Date(
              firedAt.getTime() + (10 + 170 * scaleDraw(seed, `resolvedAt:${key}`)) * MINUTE_MS,
            ).toISOString()
          : null,
      ]);
      seeded.push({
        id,
        teamId: deployment.teamId,
        projectId: deployment.projectId,
        deploymentId: deployment.id,
        endpointName: deployment.awsResourceName,
        ruleName: rule.name,
        metric: rule.metric,
        severity: rule.severity,
        condition,
        firstValue,
        firedAt,
      });
    }
  }
  await insertRows(
    client,
    'AlertRule',
    [
      ['id', 'uuid'],
      ['teamId', 'uuid'],
      ['projectId', 'uuid'],
      ['deploymentId', 'uuid'],
      ['name', 'text'],
      ['metric', 'text'],
      ['statistic', 'text'],
      ['comparator', '"AlertComparator"'],
      ['threshold', 'float8'],
      ['windowMinutes', 'int'],
      ['evaluationPeriods', 'int'],
      ['severity', '"AlertSeverity"'],
      ['isDefault', 'boolean'],
      ['createdById', 'uuid'],
      ['createdAt', 'timestamptz'],
    ],
    rules,
  );
  await insertRows(
    client,
    'Alert',
    [
      ['id', 'uuid'],
      ['teamId', 'uuid'],
      ['projectId', 'uuid'],
      ['ruleId', 'uuid'],
      ['ruleName', 'text'],
      ['metric', 'text'],
      ['condition', 'text'],
      ['deploymentId', 'uuid'],
      ['status', '"AlertStatus"'],
      ['severity', '"AlertSeverity"'],
      ['firedAt', 'timestamptz'],
      ['firstValue', 'float8'],
      ['lastValue', 'float8'],
      ['acknowledgedAt', 'timestamptz'],
      ['acknowledgedById', 'uuid'],
      ['acknowledgeNote', 'text'],
      ['resolvedAt', 'timestamptz'],
    ],
    alerts,
  );
  return seeded;
}

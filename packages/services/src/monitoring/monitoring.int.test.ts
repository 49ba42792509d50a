import { isDomainError } from '@cairn/core/errors';
import type { TestDatabase } from '@cairn/db/testing/test-database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeployment } from '../deployments/create-deployment';
import type { JobQueue } from '../jobs/job-queue';
import { contextFor, makeTeam, type TestTeam, type TestUser } from '../testing/fixtures';
import { openQueueTestDatabase } from '../testing/queue-test-database';
import { acknowledgeAlert } from './acknowledge-alert';
import { createAlertRule } from './create-alert-rule';
import { deleteAlertRule } from './delete-alert-rule';
import { evaluateDeploymentAlerts } from './evaluate-deployment-alerts';
import { listAlertRules } from './list-alert-rules';
import { listAlerts } from './list-alerts';
import { listDeploymentMetrics } from './list-deployment-metrics';
import { openAlertSummary } from './open-alert-summary';
import { storeMetricPoints } from './store-metric-points';
import { updateAlertRule } from './update-alert-rule';

let t: TestDatabase;
let queue: JobQueue;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ t, queue, close } = await openQueueTestDatabase());
});
afterAll(() => close());

const ctxOf = (user: TestUser) => ({ ...contextFor(t.db, user), queue });
const MINUTE = 60_000;

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (isDomainError(error)) return { code: error.code, message: error.message, field: error.field };
    throw error;
  }
  throw new Error('expected a refusal');
}

async function makeVersion(team: TestTeam) {
  const group = await t.db.modelGroup.create({
    data: {
      teamId: team.teamId,
      projectId: team.projectId,
      name: `g-${crypto.randomUUID()}`,
      awsName: `mpg-${crypto.randomUUID()}`,
    },
  });
  const experiment = await t.db.experiment.create({
    data: { teamId: team.teamId, projectId: team.projectId, name: `e-${crypto.randomUUID()}` },
  });
  const run = await t.db.run.create({
    data: {
      teamId: team.teamId,
      projectId: team.projectId,
      experimentId: experiment.id,
      name: 'r',
      status: 'FINISHED',
      startTime: new Date(),
    },
  });
  return t.db.modelVersion.create({
    data: {
      teamId: team.teamId,
      projectId: team.projectId,
      modelGroupId: group.id,
      version: 1,
      runId: run.id,
      artifactUri: 's3://cairn-artifacts/model.tar.gz',
      inferenceImageUri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/scorer:1',
      framework: 'XGBOOST',
      awsStatus: 'READY',
      awsArn: `arn:aws:sagemaker:us-east-1:123456789012:model-package/g/${crypto.randomUUID()}`,
    },
  });
}

/** A team with a DEV endpoint deployed through the service (so it has the default rules), in service. */
async function deployed() {
  const team = await makeTeam(t.db);
  const version = await makeVersion(team);
  const deployment = await createDeployment(ctxOf(team.engineer), {
    teamId: team.teamId,
    projectId: team.projectId,
    spec: {
      type: 'REALTIME',
      modelVersionId: version.id,
      environment: 'DEV',
      instanceType: 'ml.m5.large',
      initialInstanceCount: 1,
      strategy: { kind: 'ALL_AT_ONCE', waitSeconds: 0 },
      rollsBackOnAlarm: true,
    },
    assumptions: {},
  });
  await t.db.deployment.update({
    where: { id: deployment.id },
    data: { status: 'IN_SERVICE', inServiceAt: new Date() },
  });
  await t.db.projectWebhook.create({
    data: {
      teamId: team.teamId,
      projectId: team.projectId,
      url: 'https://hooks.example.com/cairn',
      secret: 'whsec_test',
      events: ['alert.fired', 'alert.resolved'],
    },
  });
  const alertDeployment = {
    id: deployment.id,
    teamId: team.teamId,
    projectId: team.projectId,
    awsResourceName: deployment.awsResourceName,
    environmentName: 'DEV',
  };
  return { team, deployment, alertDeployment };
}

/** `values` per minute up to `now` (the last value is the minute now falls in, as the collector stores it). */
function minutes(metric: string, values: number[], now: Date, variant = '') {
  return values.map((value, index) => ({
    metric,
    variant,
    minute: new Date(Math.floor(now.getTime() / MINUTE) * MINUTE - (values.length - 1 - index) * MINUTE),
    value,
  }));
}

describe('monitoring', () => {
  it('gives each new endpoint deployment the three default rules', async () => {
    const { team, deployment } = await deployed();
    const rules = await listAlertRules(ctxOf(team.viewer), {
      teamId: team.teamId,
      projectId: team.projectId,
      deploymentId: deployment.id,
    });
    expect(rules.map((rule) => [rule.metric, rule.severity, rule.isDefault])).toEqual([
      ['error_rate_5xx', 'CRITICAL', true],
      ['model_latency_p99', 'WARNING', true],
      ['drift:*', 'WARNING', true],
    ]);
  });

  it('fires once however often it is evaluated, tells engineers and the webhook, then resolves after the clear periods', async () => {
    const { team, deployment, alertDeployment } = await deployed();
    const now = new Date();
    await storeMetricPoints(t.db, deployment.id, minutes('error_rate_5xx', Array(10).fill(25), now));
    const first = await evaluateDeploymentAlerts(t.db, {
      deployment: alertDeployment,
      now,
      jobId: 'j1',
      queue,
    });
    const again = await evaluateDeploymentAlerts(t.db, {
      deployment: alertDeployment,
      now,
      jobId: 'j2',
      queue,
    });
    expect(first.map((entry) => entry.outcome)).toEqual(['fired', 'unchanged', 'unchanged']);
    expect(again.map((entry) => entry.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    const [alert] = await listAlerts(ctxOf(team.viewer), {
      teamId: team.teamId,
      projectId: team.projectId,
      status: 'OPEN',
      limit: 50,
    });
    expect(alert).toMatchObject({ status: 'FIRING', severity: 'CRITICAL', firstValue: 25 });
    const notified = await t.db.notification.findMany({
      where: { teamId: team.teamId, kind: 'alert.fired' },
    });
    expect(notified.map((entry) => entry.userId).sort()).toEqual(
      [team.engineer.id, team.approver.id, team.admin.id].sort(),
    );
    const delivery = await t.db.webhookDelivery.findFirstOrThrow({
      where: { teamId: team.teamId, event: 'alert.fired' },
    });
    const data = (delivery.payload as { data: { text: string; blocks: unknown[] } }).data;
    expect(data.text).toContain('CRITICAL alert: 5xx error rate above 1%');
    expect(data.text).toContain('25%');
    expect(data.blocks.length).toBeGreaterThan(0);
    expect(await t.db.auditEvent.count({ where: { action: 'alert.fire', resourceId: alert?.id } })).toBe(1);

    // Clear for one window only: still open (flapping suppressed); clear for all three: resolved.
    const later = new Date(now.getTime() + MINUTE);
    await storeMetricPoints(t.db, deployment.id, minutes('error_rate_5xx', [0], later));
    const stillOpen = await evaluateDeploymentAlerts(t.db, {
      deployment: alertDeployment,
      now: later,
      jobId: 'j3',
      queue,
    });
    expect(stillOpen[0]?.outcome).toBe('updated');
    const cleared = new Date(now.getTime() + 10 * MINUTE);
    await storeMetricPoints(t.db, deployment.id, minutes('error_rate_5xx', Array(5).fill(0), cleared));
    const resolved = await evaluateDeploymentAlerts(t.db, {
      deployment: alertDeployment,
      now: cleared,
      jobId: 'j4',
      queue,
    });
    expect(resolved[0]?.outcome).toBe('resolved');
    expect(
      await t.db.webhookDelivery.count({ where: { teamId: team.teamId, event: 'alert.resolved' } }),
    ).toBe(1);
  });

  it('acknowledges with who, when and a note; a second acknowledge or one after resolve is a clear conflict', async () => {
    const { team, deployment, alertDeployment } = await deployed();
    const now = new Date();
    await storeMetricPoints(t.db, deployment.id, minutes('error_rate_5xx', Array(10).fill(5), now));
    await evaluateDeploymentAlerts(t.db, { deployment: alertDeployment, now, jobId: 'j', queue });
    const alert = await t.db.alert.findFirstOrThrow({ where: { deploymentId: deployment.id } });
    expect(
      await refusal(
        acknowledgeAlert(ctxOf(team.viewer), { teamId: team.teamId, alertId: alert.id, note: 'looking' }),
      ),
    ).toMatchObject({ code: 'FORBIDDEN' });
    const acknowledged = await acknowledgeAlert(ctxOf(team.engineer), {
      teamId: team.teamId,
      alertId: alert.id,
      note: 'Rolling back',
    });
    expect(acknowledged).toMatchObject({
      status: 'ACKNOWLEDGED',
      acknowledgedById: team.engineer.id,
      acknowledgeNote: 'Rolling back',
    });
    const twice = await refusal(
      acknowledgeAlert(ctxOf(team.admin), { teamId: team.teamId, alertId: alert.id, note: 'me too' }),
    );
    expect(twice.code).toBe('CONFLICT');
    expect(twice.message).toContain(`already acknowledged by ${team.engineer.email}`);
    await t.db.alert.update({
      where: { id: alert.id },
      data: { status: 'RESOLVED', resolvedAt: new Date() },
    });
    const late = await refusal(
      acknowledgeAlert(ctxOf(team.admin), { teamId: team.teamId, alertId: alert.id, note: 'late' }),
    );
    expect(late).toMatchObject({ code: 'CONFLICT' });
    expect(late.message).toContain('nothing left to acknowledge');
    const outsider = await makeTeam(t.db);
    expect(
      await refusal(
        acknowledgeAlert(ctxOf(outsider.admin), { teamId: team.teamId, alertId: alert.id, note: 'x' }),
      ),
    ).toMatchObject({ code: 'NOT_FOUND' });
    const audit = await t.db.auditEvent.findFirstOrThrow({
      where: { action: 'alert.acknowledge', resourceId: alert.id },
    });
    expect(audit.reason).toBe('Rolling back');
  });

  it('creates, updates (with before/after) and deletes rules; refuses a bad merged rule and a viewer', async () => {
    const { team, deployment } = await deployed();
    const ctx = ctxOf(team.engineer);
    const rule = await createAlertRule(ctx, {
      teamId: team.teamId,
      projectId: team.projectId,
      deploymentId: null,
      name: 'CPU hot',
      metric: 'cpu_utilization',
      statistic: 'Average',
      comparator: 'GREATER_THAN',
      threshold: 80,
      windowMinutes: 10,
      evaluationPeriods: 2,
      severity: 'WARNING',
      isEnabled: true,
    });
    const updated = await updateAlertRule(ctx, { teamId: team.teamId, ruleId: rule.id, threshold: 90 });
    expect(updated.threshold).toBe(90);
    const audit = await t.db.auditEvent.findFirstOrThrow({
      where: { action: 'alertRule.update', resourceId: rule.id },
    });
    expect(audit.before).toMatchObject({ threshold: 80 });
    expect(audit.after).toMatchObject({ threshold: 90 });
    expect(
      await refusal(updateAlertRule(ctx, { teamId: team.teamId, ruleId: rule.id, windowMinutes: 1000 })),
    ).toMatchObject({ code: 'INVALID_INPUT', field: 'evaluationPeriods' });
    expect(
      await refusal(
        updateAlertRule(ctxOf(team.viewer), { teamId: team.teamId, ruleId: rule.id, threshold: 1 }),
      ),
    ).toMatchObject({ code: 'FORBIDDEN' });
    const applying = await listAlertRules(ctx, {
      teamId: team.teamId,
      projectId: team.projectId,
      deploymentId: deployment.id,
    });
    expect(applying.map((entry) => entry.name)[0]).toBe('CPU hot');
    await deleteAlertRule(ctx, { teamId: team.teamId, ruleId: rule.id });
    expect(await t.db.alertRule.count({ where: { id: rule.id } })).toBe(0);
    expect(await t.db.auditEvent.count({ where: { action: 'alertRule.delete', resourceId: rule.id } })).toBe(
      1,
    );
  });

  it('keeps the alerts of a deleted rule as history, resolving the open ones', async () => {
    const { team, deployment, alertDeployment } = await deployed();
    const now = new Date();
    await storeMetricPoints(t.db, deployment.id, minutes('error_rate_5xx', Array(10).fill(25), now));
    await evaluateDeploymentAlerts(t.db, { deployment: alertDeployment, now, jobId: 'j', queue });
    const alert = await t.db.alert.findFirstOrThrow({ where: { deploymentId: deployment.id } });
    const ruleId = alert.ruleId ?? '';
    const deleted = await deleteAlertRule(ctxOf(team.engineer), { teamId: team.teamId, ruleId });
    expect(deleted.openAlertsResolved).toBe(1);
    const [kept] = await listAlerts(ctxOf(team.viewer), {
      teamId: team.teamId,
      projectId: team.projectId,
      limit: 50,
    });
    expect(kept).toMatchObject({
      id: alert.id,
      ruleId: null,
      status: 'RESOLVED',
      ruleName: '5xx error rate above 1%',
      metric: 'error_rate_5xx',
      condition: '5xx error rate (Average over 1 min, 3 periods) > 1%',
    });
  });

  it('charts metrics per variant, downsampled to at most 500 points, and summarises open alerts', async () => {
    const { team, deployment, alertDeployment } = await deployed();
    const now = new Date();
    const day = Array.from({ length: 1_440 }, (_, index) => (index % 60 === 0 ? 900 : 40));
    await storeMetricPoints(t.db, deployment.id, [
      ...minutes('model_latency_p99', day, now),
      ...minutes('model_latency_p99', day.slice(-60), now, 'shadow'),
      ...minutes('error_rate_5xx', Array(10).fill(30), now),
    ]);
    // Storing the same minutes again replaces them.
    await storeMetricPoints(t.db, deployment.id, minutes('error_rate_5xx', Array(10).fill(30), now));
    const metrics = await listDeploymentMetrics(ctxOf(team.viewer), {
      teamId: team.teamId,
      deploymentId: deployment.id,
      range: '24h',
      metrics: ['model_latency_p99'],
    });
    expect(metrics.variants).toEqual(['shadow']);
    const [whole, shadow] = metrics.series;
    expect(whole).toMatchObject({
      metric: 'model_latency_p99',
      variant: '',
      unit: 'ms',
      isDownsampled: true,
    });
    expect(whole?.points.length).toBeLessThanOrEqual(500);
    expect(Math.max(...(whole?.points.map((point) => point.v) ?? []))).toBe(900);
    expect(shadow?.points).toHaveLength(60);

    await evaluateDeploymentAlerts(t.db, { deployment: alertDeployment, now, jobId: 'j', queue });
    const summary = await openAlertSummary(ctxOf(team.viewer), { teamId: team.teamId });
    expect(summary).toMatchObject({ total: 1, firing: 1, bySeverity: { CRITICAL: 1, WARNING: 0, INFO: 0 } });
    expect(summary.latest[0]).toMatchObject({ ruleName: '5xx error rate above 1%', environment: 'DEV' });
    const outsider = await makeTeam(t.db);
    expect(await refusal(openAlertSummary(ctxOf(outsider.admin), { teamId: team.teamId }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await openAlertSummary(ctxOf(outsider.admin), {})).total).toBe(0);
  });
});

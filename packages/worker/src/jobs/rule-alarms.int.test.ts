import { deleteDeployment } from '@cairn/services/deployments/delete-deployment';
import { createAlertRule } from '@cairn/services/monitoring/create-alert-rule';
import { deleteAlertRule } from '@cairn/services/monitoring/delete-alert-rule';
import { updateAlertRule } from '@cairn/services/monitoring/update-alert-rule';
import { contextFor } from '@cairn/services/testing/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkerTestStack, type WorkerTestStack } from '../testing/worker-test-stack';
import { ruleAlarmName } from './deployment-alarms';
import { deploy, deploymentReaching, simResources, teamThatDeploys } from './deployment-test-support';

let stack: WorkerTestStack;
let t: WorkerTestStack['t'];

beforeAll(async () => {
  stack = await startWorkerTestStack({
    simTimeScale: 0.2,
    reconcile: { firstPollSeconds: 1, maxPollSeconds: 1, timeLimitSeconds: 300 },
    batchSize: 10,
    localConcurrency: 4,
  });
  ({ t } = stack);
});
afterAll(() => stack.stop());

const REALTIME = {
  type: 'REALTIME',
  environment: 'STAGING',
  instanceType: 'ml.m5.large',
  initialInstanceCount: 2,
} as const;

async function alarmNames() {
  return (await simResources(stack, 'alarm')).map((alarm) => alarm.name);
}

/** Waits until the sim's alarms satisfy `isDone` (or the time runs out) and returns their names. */
async function alarmsUntil(isDone: (names: string[]) => boolean, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const names = await alarmNames();
    if (isDone(names) || Date.now() > deadline) return names;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** A team whose version 2 went out as a canary over version 1 and is now in service. */
async function canaryInService() {
  const { team, version } = await teamThatDeploys(t.db);
  const v1 = await version(1);
  const first = await deploy(stack, team, { ...REALTIME, modelVersionId: v1.id });
  expect((await deploymentReaching(t.db, first.id, ['IN_SERVICE', 'FAILED'])).status).toBe('IN_SERVICE');
  const v2 = await version(2);
  const second = await deploy(stack, team, {
    ...REALTIME,
    modelVersionId: v2.id,
    strategy: { kind: 'CANARY', canaryPercent: 25, bakeSeconds: 5 },
  });
  expect((await deploymentReaching(t.db, second.id, ['IN_SERVICE', 'FAILED'])).status).toBe('IN_SERVICE');
  return { team, first, second };
}

describe.concurrent('alert rule alarms', () => {
  it('puts, deletes and removes a deployment’s rule alarms as its rules change', async () => {
    const { team, first, second } = await canaryInService();
    const ctx = { ...contextFor(t.db, team.engineer), queue: stack.producer };
    const ownRules = await t.db.alertRule.findMany({ where: { deploymentId: second.id } });
    const latencyRule = ownRules.find((rule) => rule.metric === 'model_latency_p99');
    const driftRule = ownRules.find((rule) => rule.metric === 'drift:*');
    if (!latencyRule || !driftRule) throw new Error('the deployment lacks its default rules');
    expect(await alarmNames()).toContain(ruleAlarmName(latencyRule.id, second.id));
    // The largest drift of all features is no one CloudWatch metric: it never had an alarm.
    expect(await alarmNames()).not.toContain(ruleAlarmName(driftRule.id, second.id));

    const projectRule = await createAlertRule(ctx, {
      teamId: team.teamId,
      projectId: team.projectId,
      deploymentId: null,
      name: '5xx rate above 1% for a minute',
      metric: 'error_rate_5xx',
      statistic: 'Average',
      comparator: 'GREATER_THAN',
      threshold: 1,
      windowMinutes: 1,
      evaluationPeriods: 1,
      severity: 'CRITICAL',
      isEnabled: true,
    });
    const projectAlarm = ruleAlarmName(projectRule.id, second.id);
    expect(await alarmsUntil((names) => names.includes(projectAlarm))).toContain(projectAlarm);
    // The first deployment was a create, which SageMaker gave no rollback alarms: none for it.
    expect(await alarmNames()).not.toContain(ruleAlarmName(projectRule.id, first.id));

    await updateAlertRule(ctx, { teamId: team.teamId, ruleId: projectRule.id, isEnabled: false });
    expect(await alarmsUntil((names) => !names.includes(projectAlarm))).not.toContain(projectAlarm);

    const latencyAlarm = ruleAlarmName(latencyRule.id, second.id);
    await deleteAlertRule(ctx, { teamId: team.teamId, ruleId: latencyRule.id });
    expect(await alarmsUntil((names) => !names.includes(latencyAlarm))).not.toContain(latencyAlarm);

    const remaining = (await t.db.alertRule.findMany({ where: { projectId: team.projectId } })).map((rule) =>
      ruleAlarmName(rule.id, second.id),
    );
    expect((await alarmNames()).filter((name) => remaining.includes(name))).toHaveLength(1);
    await deleteDeployment(ctx, {
      teamId: team.teamId,
      deploymentId: second.id,
      reason: 'clean up',
      confirmName: second.awsResourceName,
    });
    expect((await deploymentReaching(t.db, second.id, ['DELETED'])).status).toBe('DELETED');
    expect((await alarmNames()).filter((name) => remaining.includes(name))).toEqual([]);
  });
});

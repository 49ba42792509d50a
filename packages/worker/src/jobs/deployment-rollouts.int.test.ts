import { DescribeEndpointCommand } from '@aws-sdk/client-sagemaker';
import { sageMaker } from '@cairn/aws-sim/testing/sim-clients';
import { deleteDeployment } from '@cairn/services/deployments/delete-deployment';
import { rollbackDeployment } from '@cairn/services/deployments/rollback-deployment';
import { createAlertRule } from '@cairn/services/monitoring/create-alert-rule';
import { contextFor } from '@cairn/services/testing/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkerTestStack, type WorkerTestStack } from '../testing/worker-test-stack';
import { legacyRollbackAlarmNames, ruleAlarmName } from './deployment-alarms';
import {
  deploy,
  deploymentReaching,
  simAdmin,
  simResources,
  statusesOf,
  teamThatDeploys,
} from './deployment-test-support';

/** A project rule that mirrors as an alarm tripping within a minute of errors: 5xx rate > 1% over 1 min. */
function projectErrorRateRule(team: Awaited<ReturnType<typeof teamThatDeploys>>['team']) {
  return createAlertRule(
    { ...contextFor(t.db, team.engineer), queue: stack.producer },
    {
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
    },
  );
}

/** The alarm names of a deployment's own rules CloudWatch can express (the default drift:* rule cannot). */
async function ownRuleAlarmNames(deploymentId: string) {
  const rules = await t.db.alertRule.findMany({
    where: { deploymentId, isEnabled: true, metric: { not: 'drift:*' } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  return rules.map((rule) => ruleAlarmName(rule.id, deploymentId));
}

let stack: WorkerTestStack;
let t: WorkerTestStack['t'];

beforeAll(async () => {
  stack = await startWorkerTestStack({
    // A fifth of the sim's (already shortened) durations: an endpoint starts in 6 s, a rollback
    // takes 3 s, long enough for one-second looks to see it.
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

/** A team with version 1 in service on a new staging endpoint. */
async function liveEndpoint() {
  const { team, version } = await teamThatDeploys(t.db);
  const v1 = await version(1);
  const first = await deploy(stack, team, { ...REALTIME, modelVersionId: v1.id });
  const live = await deploymentReaching(t.db, first.id, ['IN_SERVICE', 'FAILED']);
  expect(live.status).toBe('IN_SERVICE');
  return { team, version, first: live };
}

describe.concurrent('endpoint rollouts', () => {
  it('creates a real-time endpoint and records each state once, telling the engineer it is in service', async () => {
    const { team, first } = await liveEndpoint();
    expect(statusesOf(first.events)).toEqual(['PENDING', 'CREATING', 'IN_SERVICE']);
    expect(first).toMatchObject({
      awsResourceArn: expect.stringContaining(`endpoint/${first.awsResourceName}`),
      endpointConfigName: expect.stringMatching(/^cairn-epc-/),
      inServiceAt: expect.any(Date),
      endedAt: null,
    });
    const [endpoint] = await simResources(stack, 'endpoint', first.awsResourceName);
    expect(endpoint?.createdBy.roleArn).toBe('arn:aws:iam::210987654321:role/cairn-team-deploy');
    const [model] = await simResources(stack, 'model', `cairn-mdl-${first.id.replaceAll('-', '')}`);
    expect(model).toBeDefined();
    const audited = await t.db.auditEvent.findMany({
      where: { action: 'deployment.recordState', resourceId: first.id },
      orderBy: { seq: 'asc' },
    });
    expect(audited.map((event) => (event.after as { status: string }).status)).toEqual([
      'CREATING',
      'IN_SERVICE',
    ]);
    expect(audited.every((event) => event.actorType === 'WORKER')).toBe(true);
    const notes = await t.db.notification.findMany({ where: { userId: team.engineer.id } });
    expect(notes.map((note) => note.title)).toEqual(['card-fraud v1 in staging is in service']);
  });

  it('shifts a canary, shows its progress, and supersedes the version it replaced', async () => {
    const { team, version, first } = await liveEndpoint();
    const v2 = await version(2);
    const second = await deploy(stack, team, {
      ...REALTIME,
      modelVersionId: v2.id,
      strategy: { kind: 'CANARY', canaryPercent: 25, bakeSeconds: 20 },
      terminationWaitSeconds: 5,
      maximumExecutionTimeoutSeconds: 1800,
    });
    expect(second.awsResourceName).toBe(first.awsResourceName);
    const done = await deploymentReaching(t.db, second.id, ['IN_SERVICE', 'FAILED']);
    expect(done.status).toBe('IN_SERVICE');
    expect(statusesOf(done.events)).toEqual(['PENDING', 'UPDATING', 'IN_SERVICE']);
    const shares = done.events.flatMap((event) =>
      event.trafficPercent === null ? [] : [event.trafficPercent],
    );
    expect(shares).toContain(25);
    expect(shares).toEqual([...shares].sort((a, b) => a - b));
    const previous = await t.db.deployment.findUniqueOrThrow({
      where: { id: first.id },
      include: { events: { orderBy: { occurredAt: 'asc' } } },
    });
    expect(previous).toMatchObject({ status: 'SUPERSEDED', endedAt: expect.any(Date) });
    expect(previous.events.at(-1)?.detail).toContain(second.id.slice(0, 8));
    const [endpoint] = await simResources(stack, 'endpoint', first.awsResourceName);
    expect(endpoint?.details?.endpointConfigName).toBe(done.endpointConfigName);
    // The canary ran under SageMaker's guardrails, watched by the alarms of its alert rules.
    const ruleAlarms = await ownRuleAlarmNames(second.id);
    expect(ruleAlarms).toHaveLength(2);
    const described = await sageMaker(stack.sim).send(
      new DescribeEndpointCommand({ EndpointName: first.awsResourceName }),
    );
    expect(described.LastDeploymentConfig).toEqual({
      BlueGreenUpdatePolicy: {
        TrafficRoutingConfiguration: {
          Type: 'CANARY',
          CanarySize: { Type: 'CAPACITY_PERCENT', Value: 25 },
          WaitIntervalInSeconds: 20,
        },
        TerminationWaitInSeconds: 5,
        MaximumExecutionTimeoutInSeconds: 1800,
      },
      AutoRollbackConfiguration: { Alarms: ruleAlarms.map((AlarmName) => ({ AlarmName })) },
    });
    const alarms = await simResources(stack, 'alarm');
    expect(alarms.filter((alarm) => ruleAlarms.includes(alarm.name))).toHaveLength(2);
    expect(done.events.find((event) => event.status === 'UPDATING')?.detail).toContain(
      'rolls back on 2 alert rule alarms',
    );
  });

  it('records an automatic rollback when the alarm of the project’s 5xx rule trips, and keeps the old version in service', async () => {
    const { team, version, first } = await liveEndpoint();
    const projectRule = await projectErrorRateRule(team);
    const v2 = await version(2);
    const second = await deploy(stack, team, {
      ...REALTIME,
      modelVersionId: v2.id,
      strategy: { kind: 'CANARY', canaryPercent: 10, bakeSeconds: 300 },
    });
    await deploymentReaching(t.db, second.id, ['UPDATING']);
    await simAdmin(stack, 'POST', `/_sim/endpoints/${first.awsResourceName}/traffic`, { errorRate: 0.5 });
    const done = await deploymentReaching(t.db, second.id, ['FAILED', 'IN_SERVICE']);
    expect(done.status).toBe('FAILED');
    const projectAlarm = ruleAlarmName(projectRule.id, second.id);
    expect(done.statusReason).toContain(`rolled back automatically: alarm ${projectAlarm}`);
    const described = await sageMaker(stack.sim).send(
      new DescribeEndpointCommand({ EndpointName: first.awsResourceName }),
    );
    const ownAlarms = await ownRuleAlarmNames(second.id);
    expect(described.LastDeploymentConfig?.AutoRollbackConfiguration?.Alarms).toEqual(
      [projectAlarm, ...ownAlarms].map((AlarmName) => ({ AlarmName })),
    );
    expect(statusesOf(done.events)).toEqual(['PENDING', 'UPDATING', 'ROLLING_BACK', 'FAILED']);
    const previous = await t.db.deployment.findUniqueOrThrow({ where: { id: first.id } });
    expect(previous).toMatchObject({ status: 'IN_SERVICE', endedAt: null });
    const [endpoint] = await simResources(stack, 'endpoint', first.awsResourceName);
    expect(endpoint).toMatchObject({
      status: 'InService',
      details: { endpointConfigName: first.endpointConfigName },
    });
    const notes = await t.db.notification.findMany({
      where: { userId: team.engineer.id },
      orderBy: { createdAt: 'asc' },
    });
    expect(notes.map((note) => note.title)).toEqual([
      'card-fraud v1 in staging is in service',
      'card-fraud v2 in staging is rolling back',
      'card-fraud v2 in staging was rolled back',
    ]);

    // Deleting the failed update takes its alarms, not the endpoint that serves version 1.
    await deleteDeployment(
      { ...contextFor(t.db, team.engineer), queue: stack.producer },
      {
        teamId: team.teamId,
        deploymentId: second.id,
        reason: 'clean up',
        confirmName: second.awsResourceName,
      },
    );
    const deleted = await deploymentReaching(t.db, second.id, ['DELETED']);
    expect(deleted.events.at(-1)?.detail).toContain('left running');
    expect((await simResources(stack, 'endpoint', first.awsResourceName))[0]?.status).toBe('InService');
    const alarms = (await simResources(stack, 'alarm')).map((alarm) => alarm.name);
    expect(alarms.filter((name) => [projectAlarm, ...ownAlarms].includes(name))).toEqual([]);
    expect(alarms.filter((name) => legacyRollbackAlarmNames(second.id).includes(name))).toEqual([]);
  });

  it('records UPDATE_ROLLBACK_FAILED when SageMaker cannot bring the old fleet back', async () => {
    const { team, version, first } = await liveEndpoint();
    await projectErrorRateRule(team);
    const v2 = await version(2);
    await simAdmin(stack, 'POST', '/_sim/faults', { failResource: first.endpointConfigName });
    const second = await deploy(stack, team, {
      ...REALTIME,
      modelVersionId: v2.id,
      strategy: { kind: 'LINEAR', stepPercent: 50, intervalSeconds: 300 },
    });
    await deploymentReaching(t.db, second.id, ['UPDATING']);
    await simAdmin(stack, 'POST', `/_sim/endpoints/${first.awsResourceName}/traffic`, { errorRate: 0.5 });
    const done = await deploymentReaching(t.db, second.id, [
      'UPDATE_ROLLBACK_FAILED',
      'FAILED',
      'IN_SERVICE',
    ]);
    expect(done.status).toBe('UPDATE_ROLLBACK_FAILED');
    expect(done.statusReason).toContain('could not be restored');
    expect(statusesOf(done.events)).toEqual([
      'PENDING',
      'UPDATING',
      'ROLLING_BACK',
      'UPDATE_ROLLBACK_FAILED',
    ]);
    const notes = await t.db.notification.findMany({
      where: { userId: team.engineer.id },
      orderBy: { createdAt: 'asc' },
    });
    expect(notes.at(-1)?.title).toBe('card-fraud v2 in staging could not roll back');
  });

  it('rolls back by hand to the previous config, then deletes the endpoint', async () => {
    const { team, version, first } = await liveEndpoint();
    const v2 = await version(2);
    const second = await deploy(stack, team, { ...REALTIME, modelVersionId: v2.id });
    expect((await deploymentReaching(t.db, second.id, ['IN_SERVICE', 'FAILED'])).status).toBe('IN_SERVICE');
    const ctx = { ...contextFor(t.db, team.engineer), queue: stack.producer };
    const rollback = await rollbackDeployment(ctx, {
      teamId: team.teamId,
      deploymentId: second.id,
      reason: 'v2 scores drift on weekend traffic',
    });
    const back = await deploymentReaching(t.db, rollback.id, ['IN_SERVICE', 'FAILED']);
    expect(back).toMatchObject({ status: 'IN_SERVICE', endpointConfigName: first.endpointConfigName });
    expect(await t.db.deployment.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({
      status: 'SUPERSEDED',
    });
    const [endpoint] = await simResources(stack, 'endpoint', first.awsResourceName);
    expect(endpoint?.details?.endpointConfigName).toBe(first.endpointConfigName);
    // The rollback reused the old config: no model or config was made for it.
    expect(
      await simResources(stack, 'endpoint-config', `cairn-epc-${rollback.id.replaceAll('-', '')}`),
    ).toEqual([]);

    await deleteDeployment(ctx, {
      teamId: team.teamId,
      deploymentId: rollback.id,
      reason: 'fraud scoring moves to the new service',
      confirmName: rollback.awsResourceName,
    });
    const deleted = await deploymentReaching(t.db, rollback.id, ['DELETED']);
    expect(deleted).toMatchObject({ status: 'DELETED', endedAt: expect.any(Date) });
    expect(statusesOf(deleted.events).slice(-2)).toEqual(['DELETING', 'DELETED']);
    expect(await simResources(stack, 'endpoint', first.awsResourceName)).toEqual([]);
  });
});

import { collectDeploymentMetricsJob } from '@cairn/services/jobs/job-contracts';
import { acknowledgeAlert } from '@cairn/services/monitoring/acknowledge-alert';
import { createDefaultAlertRules } from '@cairn/services/monitoring/create-default-alert-rules';
import { contextFor, makeTeam, type TestTeam } from '@cairn/services/testing/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createEndpoint,
  createEndpointConfig,
  createModel,
  describeEndpoint,
} from '../aws/adapters/sagemaker-endpoints';
import { startWorkerTestStack, type WorkerTestStack } from '../testing/worker-test-stack';
import { collectDeploymentMetrics, scheduleMetricCollection } from './collect-deployment-metrics.handler';
import { openTeamAws } from './team-aws';

let stack: WorkerTestStack;
let t: WorkerTestStack['t'];

beforeAll(async () => {
  stack = await startWorkerTestStack({ simTimeScale: 0.002 });
  ({ t } = stack);
});
afterAll(() => stack.stop());

const ROLE_ARN = 'arn:aws:iam::123456789012:role/cairn-team-monitoring';
const IMAGE = '123456789012.dkr.ecr.us-east-1.amazonaws.com/fraud:1';
const EXECUTION_ROLE_ARN = 'arn:aws:iam::123456789012:role/sagemaker-execution';

async function simAdmin(method: string, path: string, body?: unknown) {
  const response = await fetch(`${stack.sim.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

/** Moves aws-sim's clock forward and answers its new time: the minutes between now have metrics. */
async function advance(minutes: number): Promise<Date> {
  const { now } = await simAdmin('POST', '/_sim/clock', { advanceSeconds: minutes * 60 });
  return new Date(String(now));
}

/** A team with a role, a model version whose run lists two monitored features, and a DB deployment IN_SERVICE on a real aws-sim endpoint with the default rules. */
async function liveDeployment(options: { hasRole?: boolean } = {}) {
  const team = await makeTeam(t.db);
  const teamRow = await t.db.team.update({
    where: { id: team.teamId },
    data: { iamRoleArn: options.hasRole === false ? null : ROLE_ARN },
  });
  const experiment = await t.db.experiment.create({
    data: { teamId: team.teamId, projectId: team.projectId, name: 'training' },
  });
  const run = await t.db.run.create({
    data: {
      teamId: team.teamId,
      projectId: team.projectId,
      experimentId: experiment.id,
      name: 'fraud',
      status: 'FINISHED',
      startTime: new Date(),
      params: { create: { key: 'features', value: 'amount, merchant_category' } },
    },
  });
  const group = await t.db.modelGroup.create({
    data: {
      teamId: team.teamId,
      projectId: team.projectId,
      name: 'fraud',
      awsName: `cairn-mpg-${crypto.randomUUID()}`,
    },
  });
  const version = await t.db.modelVersion.create({
    data: {
      teamId: team.teamId,
      projectId: team.projectId,
      modelGroupId: group.id,
      version: 1,
      runId: run.id,
      artifactUri: 's3://cairn-artifacts/model.tar.gz',
      inferenceImageUri: IMAGE,
      framework: 'XGBOOST',
    },
  });
  const environment = await t.db.environment.findFirstOrThrow({
    where: { projectId: team.projectId, name: 'DEV' },
  });
  const deploymentId = crypto.randomUUID();
  let endpointName = `cairn-ep-${deploymentId.replaceAll('-', '')}`;
  if (options.hasRole !== false) {
    const aws = openTeamAws(stack.deps, {
      team: teamRow,
      requester: { requestedByUserId: team.engineer.id, requestedByLabel: team.engineer.email },
      jobId: 'test',
    });
    try {
      const ctx = { client: aws.clients.sagemaker, call: aws.call };
      const model = await createModel(ctx, {
        modelId: deploymentId,
        image: IMAGE,
        executionRoleArn: EXECUTION_ROLE_ARN,
      });
      const config = await createEndpointConfig(ctx, {
        endpointConfigId: deploymentId,
        modelName: model.modelName,
        capacity: { kind: 'instances', instanceType: 'ml.m5.large', instanceCount: 1 },
      });
      const endpoint = await createEndpoint(ctx, {
        deploymentId,
        endpointConfigName: config.endpointConfigName,
      });
      endpointName = endpoint.endpointName;
      const deadline = Date.now() + 20_000;
      while ((await describeEndpoint(ctx, endpointName))?.status !== 'InService') {
        if (Date.now() > deadline) throw new Error('the endpoint did not come InService');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      aws.close();
    }
  }
  const { now } = await simAdmin('GET', '/_sim/clock');
  const deployment = await t.db.deployment.create({
    data: {
      id: deploymentId,
      teamId: team.teamId,
      projectId: team.projectId,
      environmentId: environment.id,
      modelVersionId: version.id,
      type: 'REALTIME',
      spec: {},
      status: 'IN_SERVICE',
      inServiceAt: new Date(String(now)),
      awsResourceName: endpointName,
      predictedMonthlyUsd: 84.1,
    },
  });
  await t.db.$transaction((tx) => createDefaultAlertRules(tx, deployment));
  await t.db.projectWebhook.create({
    data: {
      teamId: team.teamId,
      projectId: team.projectId,
      url: 'https://hooks.example.com/cairn',
      secret: 'whsec_test',
      events: ['alert.fired', 'alert.resolved'],
    },
  });
  return { team, deployment, endpointName };
}

const collect = (deploymentId: string, now: Date) =>
  collectDeploymentMetrics(stack.deps, { now, jobId: crypto.randomUUID(), deploymentIds: [deploymentId] });

async function alertOf(deploymentId: string, metric: string) {
  return t.db.alert.findFirst({ where: { deploymentId, rule: { metric } }, orderBy: { firedAt: 'desc' } });
}

function engineersOf(team: TestTeam) {
  return [team.engineer.id, team.approver.id, team.admin.id].sort();
}

describe('deployment metric collection through aws-sim', () => {
  it('fires the 5xx alert on injected errors, takes an acknowledgement, and resolves once clear for its evaluation periods', async () => {
    const { team, deployment, endpointName } = await liveDeployment();
    const calm = await collect(deployment.id, await advance(10));
    expect(calm.collected[0]?.points).toBeGreaterThan(0);
    expect(await alertOf(deployment.id, 'error_rate_5xx')).toBeNull();
    const stored = await t.db.deploymentMetricPoint.findMany({
      where: {
        deploymentId: deployment.id,
        variant: '',
        metric: { in: ['invocations', 'model_latency_p50', 'drift:amount'] },
      },
    });
    expect(new Set(stored.map((point) => point.metric))).toEqual(
      new Set(['invocations', 'model_latency_p50', 'drift:amount']),
    );
    // aws-sim's default latency is 40 ms; CloudWatch's microseconds are stored as milliseconds.
    const latency = stored
      .filter((point) => point.metric === 'model_latency_p50')
      .map((point) => point.value);
    expect(Math.max(...latency)).toBeLessThan(100);
    expect(Math.min(...latency)).toBeGreaterThan(10);
    // The instances the endpoint runs, from DescribeEndpoint, for the cost of its fleet.
    const instances = await t.db.deploymentMetricPoint.findMany({
      where: { deploymentId: deployment.id, metric: 'instances', variant: '' },
    });
    expect(instances.map((point) => point.value)).toEqual([1]);

    await simAdmin('POST', `/_sim/endpoints/${endpointName}/traffic`, { errorRate: 0.3 });
    const burning = await collect(deployment.id, await advance(11));
    expect(burning.collected[0]?.alerts.fired).toBe(1);
    const fired = await alertOf(deployment.id, 'error_rate_5xx');
    expect(fired).toMatchObject({ status: 'FIRING', severity: 'CRITICAL' });
    expect(fired?.firstValue).toBeGreaterThan(20);
    const notified = await t.db.notification.findMany({
      where: { teamId: team.teamId, kind: 'alert.fired' },
    });
    expect(notified.map((entry) => entry.userId).sort()).toEqual(engineersOf(team));
    const delivery = await t.db.webhookDelivery.findFirstOrThrow({
      where: { teamId: team.teamId, event: 'alert.fired' },
    });
    expect((delivery.payload as { data: { text: string } }).data.text).toContain(
      `5xx error rate above 1% on ${endpointName}`,
    );
    // Collecting the same minute again changes nothing.
    expect(
      (await collect(deployment.id, new Date(Date.parse(String((await simAdmin('GET', '/_sim/clock')).now)))))
        .collected[0]?.alerts.fired,
    ).toBeUndefined();
    expect(await t.db.alert.count({ where: { deploymentId: deployment.id } })).toBe(1);

    await acknowledgeAlert(contextFor(t.db, team.engineer), {
      teamId: team.teamId,
      alertId: fired?.id ?? '',
      note: 'Looking at the new feature pipeline',
    });
    await simAdmin('POST', `/_sim/endpoints/${endpointName}/traffic`, { errorRate: 0 });
    await collect(deployment.id, await advance(1));
    expect(await alertOf(deployment.id, 'error_rate_5xx')).toMatchObject({ status: 'ACKNOWLEDGED' });
    await collect(deployment.id, await advance(4));
    const resolved = await alertOf(deployment.id, 'error_rate_5xx');
    expect(resolved).toMatchObject({ status: 'RESOLVED', acknowledgedById: team.engineer.id });
    expect(
      await t.db.webhookDelivery.count({ where: { teamId: team.teamId, event: 'alert.resolved' } }),
    ).toBe(1);
    expect(
      await t.db.auditEvent.count({
        where: {
          resourceId: fired?.id,
          action: { in: ['alert.fire', 'alert.acknowledge', 'alert.resolve'] },
        },
      }),
    ).toBe(3);
  });

  it('fires the drift rule when a monitored feature drifts', async () => {
    const { deployment, endpointName } = await liveDeployment();
    await simAdmin('POST', `/_sim/endpoints/${endpointName}/traffic`, { drift: 0.9 });
    const report = await collect(deployment.id, await advance(3));
    expect(report.collected[0]?.alerts.fired).toBe(1);
    const drift = await alertOf(deployment.id, 'drift:*');
    expect(drift).toMatchObject({ status: 'FIRING', severity: 'WARNING' });
    expect(drift?.firstValue).toBeGreaterThan(0.3);
    expect(await alertOf(deployment.id, 'error_rate_5xx')).toBeNull();
  });

  it('runs as a scheduled job and skips, with the reason, a team without AWS access', async () => {
    const { deployment } = await liveDeployment({ hasRole: false });
    const report = await collect(deployment.id, new Date());
    expect(report.skipped).toEqual([
      {
        deploymentId: deployment.id,
        reason: 'The team has no AWS role set, so its endpoint metrics cannot be read',
      },
    ]);
    const jobId = await stack.producer.send(collectDeploymentMetricsJob.name, {});
    const deadline = Date.now() + 30_000;
    let state = '';
    while (state !== 'completed' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const [row] = await t.db.$queryRaw<
        { state: string }[]
      >`SELECT state::text FROM pgboss.job WHERE id = ${jobId}::uuid`;
      state = row?.state ?? '';
    }
    expect(state).toBe('completed');
    await scheduleMetricCollection(stack.worker);
    await scheduleMetricCollection(stack.producer);
    const schedules = await stack.worker.getSchedules(collectDeploymentMetricsJob.name);
    expect(schedules).toHaveLength(1);
    expect(schedules[0]).toMatchObject({ cron: '* * * * *' });
  });
});

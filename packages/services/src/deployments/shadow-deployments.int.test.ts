import type { TestDatabase } from '@cairn/db/testing/test-database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobQueue } from '../jobs/job-queue';
import { contextFor, makeTeam, type TestTeam, type TestUser } from '../testing/fixtures';
import { openQueueTestDatabase } from '../testing/queue-test-database';
import { compareShadowDeployment } from './compare-shadow-variants';
import { endShadowDeployment } from './end-shadow-deployment';

let t: TestDatabase;
let queue: JobQueue;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ t, queue, close } = await openQueueTestDatabase());
});
afterAll(() => close());

const MINUTE_MS = 60_000;
const ctxOf = (user: TestUser) => ({ ...contextFor(t.db, user), queue });

const SHADOW = { kind: 'SHADOW', shadowPercent: 20, days: 7 } as const;
const ALL_AT_ONCE = { kind: 'ALL_AT_ONCE', waitSeconds: 0 } as const;

async function makeDeployment(
  team: TestTeam,
  options: {
    strategy?: typeof SHADOW | typeof ALL_AT_ONCE;
    status?: 'IN_SERVICE' | 'UPDATING';
    inServiceAt?: Date;
    shadowEndedAt?: Date;
  } = {},
) {
  const environment = await t.db.environment.findFirstOrThrow({
    where: { projectId: team.projectId, name: 'DEV' },
  });
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
  const version = await t.db.modelVersion.create({
    data: {
      teamId: team.teamId,
      runId: run.id,
      projectId: team.projectId,
      modelGroupId: group.id,
      version: 1,
      artifactUri: 's3://cairn-artifacts/model.tar.gz',
      inferenceImageUri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/scorer:1',
      framework: 'XGBOOST',
      awsStatus: 'READY',
      approvalStatus: 'APPROVED',
    },
  });
  const id = crypto.randomUUID();
  return t.db.deployment.create({
    data: {
      id,
      teamId: team.teamId,
      projectId: team.projectId,
      environmentId: environment.id,
      modelVersionId: version.id,
      type: 'REALTIME',
      spec: {
        type: 'REALTIME',
        modelVersionId: version.id,
        environment: 'DEV',
        instanceType: 'ml.m5.large',
        initialInstanceCount: 1,
        strategy: options.strategy ?? SHADOW,
      },
      status: options.status ?? 'IN_SERVICE',
      inServiceAt: options.inServiceAt ?? new Date('2026-12-01T14:00:00Z'),
      shadowEndedAt: options.shadowEndedAt ?? null,
      awsResourceName: `cairn-ep-${id.replaceAll('-', '')}`,
      endpointConfigName: `cairn-epc-${id.replaceAll('-', '')}`,
      predictedMonthlyUsd: 120,
    },
  });
}

/** Ten minutes of one metric and variant, ending a minute ago. */
async function minutes(deploymentId: string, metric: string, variant: string, values: number | number[]) {
  const now = Math.floor(Date.now() / MINUTE_MS) * MINUTE_MS;
  const list = Array.isArray(values) ? values : Array.from({ length: 10 }, () => values);
  await t.db.deploymentMetricPoint.createMany({
    data: list.map((value, index) => ({
      deploymentId,
      metric,
      variant,
      minute: new Date(now - (index + 1) * MINUTE_MS),
      value,
    })),
  });
}

describe('shadow vs production', () => {
  it('compares the shadow with production per metric over the range', async () => {
    const team = await makeTeam(t.db);
    const deployment = await makeDeployment(team);
    await minutes(deployment.id, 'invocations', '', 100);
    await minutes(deployment.id, 'invocations', 'primary', 100);
    await minutes(deployment.id, 'invocations', 'shadow', 20);
    // Two hours ago: outside the hour asked for.
    await t.db.deploymentMetricPoint.create({
      data: {
        deploymentId: deployment.id,
        metric: 'invocations',
        variant: '',
        minute: new Date(Date.now() - 120 * MINUTE_MS),
        value: 100_000,
      },
    });
    await minutes(deployment.id, 'model_latency_p50', '', 40);
    await minutes(deployment.id, 'model_latency_p50', 'shadow', 30);
    await minutes(deployment.id, 'model_latency_p99', '', [200, 100, 100, 100, 100, 100, 100, 100, 100, 100]);
    await minutes(deployment.id, 'model_latency_p99', 'shadow', 150);
    await minutes(deployment.id, 'invocation_5xx', '', 1);
    await minutes(deployment.id, 'invocation_5xx', 'shadow', 0.4);
    await minutes(deployment.id, 'cpu_utilization', '', 50);
    await minutes(deployment.id, 'cpu_utilization', 'shadow', 60);

    const comparison = await compareShadowDeployment(ctxOf(team.viewer), {
      teamId: team.teamId,
      deploymentId: deployment.id,
      range: '1h',
    });

    expect(comparison.window).toMatchObject({
      shadowPercent: 20,
      days: 7,
      endsAt: new Date('2026-12-08T14:00:00Z'),
      endedAt: null,
      isRunning: true,
    });
    expect(comparison.canEnd).toBe(true);
    expect(comparison.productionMinutes).toBe(10);
    expect(comparison.shadowMinutes).toBe(10);
    const row = (key: string) => comparison.rows.find((entry) => entry.key === key);
    expect(row('invocations')).toMatchObject({
      production: 100,
      shadow: 20,
      differencePercent: -80,
      verdict: 'unknown',
    });
    expect(row('model_latency_p50')).toMatchObject({
      production: 40,
      shadow: 30,
      differencePercent: -25,
      verdict: 'better',
    });
    // The 99th percentile of ten minutes, nine at 100 ms and one at 200 ms.
    expect(row('model_latency_p99')?.production).toBeCloseTo(191, 6);
    expect(row('model_latency_p99')).toMatchObject({ shadow: 150, verdict: 'better' });
    expect(row('error_rate_5xx')?.production).toBeCloseTo(1, 6);
    expect(row('error_rate_5xx')?.shadow).toBeCloseTo(2, 6);
    expect(row('error_rate_5xx')?.verdict).toBe('worse');
    expect(row('cpu_utilization')).toMatchObject({ differencePercent: 20, verdict: 'worse' });
    expect(row('memory_utilization')).toMatchObject({ production: null, shadow: null, verdict: 'unknown' });
  });

  it('refuses to compare a deployment that is not a shadow test', async () => {
    const team = await makeTeam(t.db);
    const deployment = await makeDeployment(team, { strategy: ALL_AT_ONCE });
    await expect(
      compareShadowDeployment(ctxOf(team.viewer), {
        teamId: team.teamId,
        deploymentId: deployment.id,
        range: '1h',
      }),
    ).rejects.toThrow(/not a shadow test/);
  });
});

describe('ending a shadow early', () => {
  it('enqueues the end-shadow job, audited, for an engineer', async () => {
    const team = await makeTeam(t.db);
    const deployment = await makeDeployment(team);
    const result = await endShadowDeployment(ctxOf(team.engineer), {
      teamId: team.teamId,
      deploymentId: deployment.id,
      reason: 'enough evidence',
    });
    expect(result.jobId).toBeTruthy();
    const audit = await t.db.auditEvent.findFirstOrThrow({
      where: { resourceId: deployment.id, action: 'deployment.endShadow' },
    });
    expect(audit).toMatchObject({ outcome: 'SUCCESS', reason: 'enough evidence' });
    // A second request while the first waits is refused, not queued twice.
    await expect(
      endShadowDeployment(ctxOf(team.engineer), { teamId: team.teamId, deploymentId: deployment.id }),
    ).rejects.toThrow(/already being ended/);
  });

  it('refuses what is not a running shadow test, and a viewer', async () => {
    const team = await makeTeam(t.db);
    const end = (user: TestUser, deploymentId: string) =>
      endShadowDeployment(ctxOf(user), { teamId: team.teamId, deploymentId });
    const notShadow = await makeDeployment(team, { strategy: ALL_AT_ONCE });
    await expect(end(team.engineer, notShadow.id)).rejects.toThrow(/not a shadow test/);
    const updating = await makeDeployment(team, { status: 'UPDATING' });
    await expect(end(team.engineer, updating.id)).rejects.toThrow(
      /Only a shadow test in service can be ended; this one is updating/,
    );
    const ended = await makeDeployment(team, { shadowEndedAt: new Date('2026-12-08T14:05:00Z') });
    await expect(end(team.engineer, ended.id)).rejects.toThrow(
      'The shadow variant already ended on 2026-12-08T14:05:00.000Z',
    );
    const running = await makeDeployment(team);
    await expect(end(team.viewer, running.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(
      await t.db.auditEvent.count({
        where: {
          action: 'deployment.endShadow',
          resourceId: { in: [notShadow.id, updating.id, ended.id, running.id] },
        },
      }),
    ).toBe(0);
  });
});

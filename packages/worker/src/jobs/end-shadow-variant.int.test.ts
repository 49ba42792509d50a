import { DescribeEndpointCommand, DescribeEndpointConfigCommand } from '@aws-sdk/client-sagemaker';
import { sageMaker } from '@cairn/aws-sim/testing/sim-clients';
import { awsResourceName } from '@cairn/core/aws-names';
import { endShadowDeployment } from '@cairn/services/deployments/end-shadow-deployment';
import { contextFor, type TestTeam } from '@cairn/services/testing/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkerTestStack, type WorkerTestStack } from '../testing/worker-test-stack';
import { collectDeploymentMetrics } from './collect-deployment-metrics.handler';
import { deploy, deploymentReaching, simAdmin, teamThatDeploys } from './deployment-test-support';
import { endShadowVariantHandler, productionOnlyConfigId } from './end-shadow-variant.handler';

let stack: WorkerTestStack;
let t: WorkerTestStack['t'];

beforeAll(async () => {
  stack = await startWorkerTestStack({
    simTimeScale: 0.1,
    reconcile: { firstPollSeconds: 1, maxPollSeconds: 1, timeLimitSeconds: 300 },
    batchSize: 10,
    localConcurrency: 4,
  });
  ({ t } = stack);
});
afterAll(() => stack.stop());

const DAY_MS = 24 * 60 * 60 * 1000;
const REALTIME = {
  type: 'REALTIME',
  environment: 'STAGING',
  instanceType: 'ml.m5.large',
  initialInstanceCount: 1,
} as const;

function endpointConfig(name: string | null) {
  return sageMaker(stack.sim).send(new DescribeEndpointConfigCommand({ EndpointConfigName: name ?? '' }));
}

/** A live deployment and, beside it on the endpoint, an in-service shadow test of the next version. */
async function shadowTest(days: number) {
  const { team, version } = await teamThatDeploys(t.db);
  const [v1, v2] = [await version(1), await version(2)];
  const first = await deploy(stack, team, { ...REALTIME, modelVersionId: v1.id });
  const live = await deploymentReaching(t.db, first.id, ['IN_SERVICE', 'FAILED']);
  expect(live.status, live.statusReason ?? undefined).toBe('IN_SERVICE');
  const created = await deploy(stack, team, {
    ...REALTIME,
    modelVersionId: v2.id,
    strategy: { kind: 'SHADOW', shadowPercent: 20, days },
  });
  const shadow = await deploymentReaching(t.db, created.id, ['IN_SERVICE', 'FAILED']);
  expect(shadow.status, shadow.statusReason ?? undefined).toBe('IN_SERVICE');
  expect((await endpointConfig(shadow.endpointConfigName)).ShadowProductionVariants).toHaveLength(1);
  return { team, live, shadow };
}

async function shadowEnding(deploymentId: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const deployment = await t.db.deployment.findUniqueOrThrow({
      where: { id: deploymentId },
      include: { events: { orderBy: { occurredAt: 'asc' } } },
    });
    if (deployment.shadowEndedAt || deployment.shadowEndFailure || Date.now() > deadline) return deployment;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const sweep = (deploymentId: string, now = new Date()) =>
  collectDeploymentMetrics(stack.deps, { now, jobId: crypto.randomUUID(), deploymentIds: [deploymentId] });

const auditCount = (deploymentId: string, action: string) =>
  t.db.auditEvent.count({ where: { resourceId: deploymentId, action } });

async function expectProductionOnly(endpointName: string, liveConfigName: string | null) {
  const endpoint = await sageMaker(stack.sim).send(
    new DescribeEndpointCommand({ EndpointName: endpointName }),
  );
  expect(endpoint.EndpointStatus).toBe('InService');
  const config = await endpointConfig(endpoint.EndpointConfigName ?? '');
  expect(config.ShadowProductionVariants ?? []).toEqual([]);
  expect(config.ProductionVariants).toEqual((await endpointConfig(liveConfigName)).ProductionVariants);
  return endpoint.EndpointConfigName;
}

describe.concurrent('ending a shadow test', () => {
  it('ends a shadow whose days have passed: production only on the endpoint, recorded and audited once', async () => {
    const { live, shadow } = await shadowTest(3);
    expect((await sweep(shadow.id)).shadowsEnding).toEqual([]);
    await t.db.deployment.update({
      where: { id: shadow.id },
      data: { inServiceAt: new Date(Date.now() - 3 * DAY_MS - 60_000) },
    });

    expect((await sweep(shadow.id)).shadowsEnding).toEqual([shadow.id]);
    const ended = await shadowEnding(shadow.id);

    expect(ended.shadowEndedAt).not.toBeNull();
    expect(ended.status).toBe('IN_SERVICE');
    const configName = await expectProductionOnly(shadow.awsResourceName, live.endpointConfigName);
    expect(configName).toBe(awsResourceName('endpoint-config', productionOnlyConfigId(shadow.id)));
    expect(ended.endpointConfigName).toBe(configName);
    expect(ended.events.map((event) => event.detail)).toContain(
      'Shadow variant ended after 3 days: production keeps serving',
    );
    expect(await auditCount(shadow.id, 'deployment.shadowEnded')).toBe(1);

    // A later sweep and a replayed job change nothing.
    const updates = await auditCount(shadow.awsResourceName, 'aws.sagemaker.UpdateEndpoint');
    expect(updates).toBeGreaterThan(0);
    expect((await sweep(shadow.id)).shadowsEnding).toEqual([]);
    const replay = await endShadowVariantHandler.run(
      {
        teamId: shadow.teamId,
        deploymentId: shadow.id,
        requestedByUserId: null,
        requestedByLabel: 'cairn-monitor',
      },
      { jobId: crypto.randomUUID(), retryCount: 0, isLastAttempt: false, deps: stack.deps },
    );
    expect(replay).toEqual({ skipped: 'shadow already ended' });
    const after = await t.db.deployment.findUniqueOrThrow({
      where: { id: shadow.id },
      include: { events: true },
    });
    expect(after.shadowEndedAt).toEqual(ended.shadowEndedAt);
    expect(after.events).toHaveLength(ended.events.length);
    expect(await auditCount(shadow.id, 'deployment.shadowEnded')).toBe(1);
    expect(await auditCount(shadow.awsResourceName, 'aws.sagemaker.UpdateEndpoint')).toBe(updates);
  });

  it('stops retrying when SageMaker refuses the production-only config, until an engineer asks again', async () => {
    const { team, live, shadow } = await shadowTest(1);
    await t.db.deployment.update({
      where: { id: shadow.id },
      data: { inServiceAt: new Date(Date.now() - DAY_MS - 60_000) },
    });
    await simAdmin(stack, 'POST', '/_sim/faults', { failResource: shadow.awsResourceName });
    try {
      expect((await sweep(shadow.id)).shadowsEnding).toEqual([shadow.id]);
      const refused = await shadowEnding(shadow.id);
      expect(refused.shadowEndedAt).toBeNull();
      expect(refused.shadowEndFailure).toContain('failed the ping health check');
      expect(refused.events.at(-1)?.detail).toMatch(/^Could not end the shadow variant: .*keeps running/);
      expect(
        await t.db.auditEvent.count({
          where: { resourceId: shadow.id, action: 'deployment.shadowEnded', outcome: 'FAILED' },
        }),
      ).toBe(1);
      // The monitor does not send it again every minute.
      expect((await sweep(shadow.id)).shadowsEnding).toEqual([]);
    } finally {
      await simAdmin(stack, 'DELETE', '/_sim/faults');
    }

    await endShadowDeployment(
      { ...contextFor(t.db, team.engineer), queue: stack.producer },
      { teamId: team.teamId, deploymentId: shadow.id, reason: 'health check fixed' },
    );
    const ended = await shadowEnding(shadow.id);
    expect(ended.shadowEndFailure).toBeNull();
    expect(ended.shadowEndedAt).not.toBeNull();
    await expectProductionOnly(shadow.awsResourceName, live.endpointConfigName);
  });

  it('ends a shadow early at an engineer’s request, and refuses a second request', async () => {
    const { team, live, shadow } = await shadowTest(7);
    const ctx = (member: TestTeam['engineer']) => ({ ...contextFor(t.db, member), queue: stack.producer });
    await endShadowDeployment(ctx(team.engineer), {
      teamId: team.teamId,
      deploymentId: shadow.id,
      reason: 'latency matches production',
    });
    const ended = await shadowEnding(shadow.id);
    expect(ended.shadowEndedAt).not.toBeNull();
    await expectProductionOnly(shadow.awsResourceName, live.endpointConfigName);
    expect(ended.events.map((event) => event.detail)).toEqual(
      expect.arrayContaining([
        `Early end of the shadow variant requested by ${team.engineer.email}: latency matches production`,
        'Shadow variant ended after less than an hour: production keeps serving',
      ]),
    );
    expect(await auditCount(shadow.id, 'deployment.endShadow')).toBe(1);
    await expect(
      endShadowDeployment(ctx(team.engineer), { teamId: team.teamId, deploymentId: shadow.id }),
    ).rejects.toThrow(/already ended/);
  });
});

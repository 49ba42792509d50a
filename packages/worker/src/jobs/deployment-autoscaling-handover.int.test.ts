import {
  DescribeScalableTargetsCommand,
  DescribeScalingPoliciesCommand,
} from '@aws-sdk/client-application-auto-scaling';
import { applicationAutoScaling } from '@cairn/aws-sim/testing/sim-clients';
import type { DeploymentSpecInput } from '@cairn/core/schemas/deployment';
import { rollbackDeployment } from '@cairn/services/deployments/rollback-deployment';
import { createAlertRule } from '@cairn/services/monitoring/create-alert-rule';
import { contextFor } from '@cairn/services/testing/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkerTestStack, type WorkerTestStack } from '../testing/worker-test-stack';
import { scalingPolicyName } from './deployment-autoscaling';
import {
  deploy,
  deploymentReaching,
  simAdmin,
  TEAM_ROLE_ARN,
  teamThatDeploys,
} from './deployment-test-support';

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

const AUTOSCALING = {
  minInstances: 2,
  maxInstances: 6,
  targetInvocationsPerInstance: 120,
  scaleInCooldownSeconds: 600,
  scaleOutCooldownSeconds: 30,
};

async function scalingOf(endpointName: string) {
  const client = applicationAutoScaling(stack.sim);
  const resourceId = `endpoint/${endpointName}/variant/primary`;
  const { ScalableTargets } = await client.send(
    new DescribeScalableTargetsCommand({ ServiceNamespace: 'sagemaker', ResourceIds: [resourceId] }),
  );
  const { ScalingPolicies } = await client.send(
    new DescribeScalingPoliciesCommand({ ServiceNamespace: 'sagemaker', ResourceId: resourceId }),
  );
  return {
    capacity: (ScalableTargets ?? []).map((target) => [target.MinCapacity, target.MaxCapacity]),
    policies: (ScalingPolicies ?? []).map((policy) => ({
      name: policy.PolicyName,
      target: policy.TargetTrackingScalingPolicyConfiguration?.TargetValue,
    })),
  };
}

/** A real-time endpoint in service on v1 with AUTOSCALING, and the means to deploy over it. */
async function scaledEndpoint() {
  const { team, version } = await teamThatDeploys(t.db);
  const first = await deploy(stack, team, {
    type: 'REALTIME',
    environment: 'STAGING',
    modelVersionId: (await version(1)).id,
    instanceType: 'ml.m5.large',
    initialInstanceCount: 2,
    autoscaling: AUTOSCALING,
  });
  const live = await deploymentReaching(t.db, first.id, ['IN_SERVICE', 'FAILED']);
  expect(live.status).toBe('IN_SERVICE');
  /** Deploys version `number` of the same group to the same staging endpoint, over the first. */
  const redeploy = async (
    number: number,
    spec: Omit<Extract<DeploymentSpecInput, { type: 'REALTIME' }>, 'type' | 'environment' | 'modelVersionId'>,
  ) =>
    deploy(stack, team, {
      type: 'REALTIME',
      environment: 'STAGING',
      modelVersionId: (await version(number)).id,
      ...spec,
    });
  return { team, redeploy, first: live };
}

describe.concurrent('autoscaling when a deployment replaces another on its endpoint', () => {
  it('moves the variant to the new deployment’s policy across an instance type change, and a rollback brings the old scaling back', async () => {
    const { team, redeploy, first } = await scaledEndpoint();
    const endpoint = first.awsResourceName;
    const second = await redeploy(2, {
      instanceType: 'ml.m5.xlarge',
      initialInstanceCount: 1,
      autoscaling: { ...AUTOSCALING, minInstances: 1, maxInstances: 4, targetInvocationsPerInstance: 200 },
    });
    const updated = await deploymentReaching(t.db, second.id, ['IN_SERVICE', 'FAILED']);
    expect(updated.status).toBe('IN_SERVICE');
    expect(updated.events.find((event) => event.status === 'UPDATING')?.detail).toContain(
      'primary deregistered from autoscaling first',
    );
    // Deregistering took the first deployment's policy with it: there is nothing of it left to remove.
    expect(updated.events.at(-1)?.detail).toBe(
      'Autoscaling primary: 1-4 instances at 200 invocations per instance per minute',
    );
    expect(await scalingOf(endpoint)).toEqual({
      capacity: [[1, 4]],
      policies: [{ name: scalingPolicyName(second.id), target: 200 }],
    });

    const rollback = await rollbackDeployment(
      { ...contextFor(t.db, team.engineer), queue: stack.producer },
      {
        teamId: team.teamId,
        deploymentId: second.id,
        reason: 'the larger instances cost more than they save',
      },
    );
    const restored = await deploymentReaching(t.db, rollback.id, ['IN_SERVICE', 'FAILED']);
    expect(restored.status).toBe('IN_SERVICE');
    expect(await scalingOf(endpoint)).toEqual({
      capacity: [[2, 6]],
      policies: [{ name: scalingPolicyName(rollback.id), target: 120 }],
    });
  });

  it('takes the previous policy off a variant that keeps its instance type, and deregisters it when the new deployment does not scale', async () => {
    const { redeploy, first } = await scaledEndpoint();
    const endpoint = first.awsResourceName;
    const second = await redeploy(2, {
      instanceType: 'ml.m5.large',
      initialInstanceCount: 2,
      autoscaling: { ...AUTOSCALING, targetInvocationsPerInstance: 90 },
    });
    const updated = await deploymentReaching(t.db, second.id, ['IN_SERVICE', 'FAILED']);
    expect(updated.status).toBe('IN_SERVICE');
    expect(updated.events.at(-1)?.detail).toBe(
      `Autoscaling: deployment ${first.id.slice(0, 8)}'s scaling policy removed from primary. Autoscaling primary: 2-6 instances at 90 invocations per instance per minute`,
    );
    expect(await scalingOf(endpoint)).toEqual({
      capacity: [[2, 6]],
      policies: [{ name: scalingPolicyName(second.id), target: 90 }],
    });

    const third = await redeploy(3, {
      instanceType: 'ml.m5.large',
      initialInstanceCount: 2,
    });
    const unscaled = await deploymentReaching(t.db, third.id, ['IN_SERVICE', 'FAILED']);
    expect(unscaled.status).toBe('IN_SERVICE');
    expect(unscaled.events.at(-1)?.detail).toBe('Autoscaling: primary no longer autoscaled');
    expect(await scalingOf(endpoint)).toEqual({ capacity: [], policies: [] });
  });

  it('gives the variant back its autoscaling when SageMaker rolls back an update that had to deregister it', async () => {
    const { team, redeploy, first } = await scaledEndpoint();
    const endpoint = first.awsResourceName;
    await createAlertRule(
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
    const second = await redeploy(2, {
      instanceType: 'ml.m5.xlarge',
      initialInstanceCount: 2,
      autoscaling: AUTOSCALING,
      strategy: { kind: 'CANARY', canaryPercent: 10, bakeSeconds: 300 },
    });
    await deploymentReaching(t.db, second.id, ['UPDATING']);
    expect(await scalingOf(endpoint)).toEqual({ capacity: [], policies: [] });
    await simAdmin(stack, 'POST', `/_sim/endpoints/${endpoint}/traffic`, { errorRate: 0.5 });
    const done = await deploymentReaching(t.db, second.id, ['FAILED', 'IN_SERVICE']);
    expect(done.status).toBe('FAILED');
    expect(done.statusReason).toContain('rolled back automatically');
    expect(done.events.at(-1)?.detail).toContain(
      "The previous deployment's autoscaling is back: Autoscaling primary: 2-6 instances at 120 invocations per instance per minute",
    );
    expect(await scalingOf(endpoint)).toEqual({
      capacity: [[2, 6]],
      policies: [{ name: scalingPolicyName(first.id), target: 120 }],
    });
  });
});

// Alone: the fault below refuses UpdateEndpoint to every test team's role on this aws-sim.
describe('an update that never starts', () => {
  it('puts back the autoscaling it deregistered before SageMaker refused the update', async () => {
    const { redeploy, first } = await scaledEndpoint();
    await simAdmin(stack, 'POST', '/_sim/faults', {
      service: 'sagemaker',
      operation: 'UpdateEndpoint',
      denyRoleArn: TEAM_ROLE_ARN,
    });
    try {
      const second = await redeploy(2, {
        instanceType: 'ml.m5.xlarge',
        initialInstanceCount: 1,
        autoscaling: AUTOSCALING,
      });
      const failed = await deploymentReaching(t.db, second.id, ['FAILED', 'IN_SERVICE']);
      expect(failed.status).toBe('FAILED');
      expect(failed.statusReason).toMatch(/^Could not start: .*AccessDenied/);
      expect(failed.statusReason).toContain(
        "The previous deployment's autoscaling is back: Autoscaling primary: 2-6 instances at 120 invocations per instance per minute",
      );
    } finally {
      await simAdmin(stack, 'DELETE', '/_sim/faults');
    }
    expect(await scalingOf(first.awsResourceName)).toEqual({
      capacity: [[2, 6]],
      policies: [{ name: scalingPolicyName(first.id), target: 120 }],
    });
  });
});

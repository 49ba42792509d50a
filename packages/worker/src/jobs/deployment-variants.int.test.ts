import { DescribeEndpointConfigCommand, DescribeModelCommand } from '@aws-sdk/client-sagemaker';
import { sageMaker } from '@cairn/aws-sim/testing/sim-clients';
import { clientRequestToken } from '@cairn/core/aws-names';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkerTestStack, type WorkerTestStack } from '../testing/worker-test-stack';
import { deploy, deploymentReaching, teamThatDeploys } from './deployment-test-support';

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

const compact = (id: string) => id.replaceAll('-', '');
const REALTIME = {
  type: 'REALTIME',
  environment: 'STAGING',
  instanceType: 'ml.m5.large',
  initialInstanceCount: 2,
} as const;

function endpointConfig(name: string | null) {
  return sageMaker(stack.sim).send(new DescribeEndpointConfigCommand({ EndpointConfigName: name ?? '' }));
}

describe.concurrent('endpoint variants', () => {
  it('runs an A/B test: one model per variant, each with its weight', async () => {
    const { team, version } = await teamThatDeploys(t.db);
    const [v1, v2] = [await version(1), await version(2)];
    const deployment = await deploy(stack, team, {
      ...REALTIME,
      modelVersionId: v2.id,
      strategy: {
        kind: 'AB',
        primaryWeight: 0.7,
        variants: [{ modelVersionId: v1.id, weight: 0.3, instanceType: 'ml.m5.large', instanceCount: 1 }],
      },
    });
    const done = await deploymentReaching(t.db, deployment.id, ['IN_SERVICE', 'FAILED']);
    expect(done.status).toBe('IN_SERVICE');
    const variantModel = `cairn-mdl-${compact(clientRequestToken('deployment-ab-model', deployment.id, 1))}`;
    const config = await endpointConfig(done.endpointConfigName);
    expect(config.ProductionVariants).toEqual([
      {
        VariantName: 'primary',
        ModelName: `cairn-mdl-${compact(deployment.id)}`,
        InstanceType: 'ml.m5.large',
        InitialInstanceCount: 2,
        InitialVariantWeight: 0.7,
      },
      {
        VariantName: 'variant-1',
        ModelName: variantModel,
        InstanceType: 'ml.m5.large',
        InitialInstanceCount: 1,
        InitialVariantWeight: 0.3,
      },
    ]);
    const model = await sageMaker(stack.sim).send(new DescribeModelCommand({ ModelName: variantModel }));
    expect(model.PrimaryContainer).toMatchObject({
      Image: v1.inferenceImageUri,
      ModelDataUrl: v1.artifactUri,
    });
  });

  it('shadows the live version: production keeps its variants, the new model gets a copy of the traffic', async () => {
    const { team, version } = await teamThatDeploys(t.db);
    const [v1, v2] = [await version(1), await version(2)];
    const first = await deploy(stack, team, { ...REALTIME, modelVersionId: v1.id });
    const live = await deploymentReaching(t.db, first.id, ['IN_SERVICE', 'FAILED']);
    expect(live.status).toBe('IN_SERVICE');
    const shadow = await deploy(stack, team, {
      ...REALTIME,
      modelVersionId: v2.id,
      strategy: { kind: 'SHADOW', shadowPercent: 20, days: 7 },
    });
    const done = await deploymentReaching(t.db, shadow.id, ['IN_SERVICE', 'FAILED']);
    expect(done.status).toBe('IN_SERVICE');
    const config = await endpointConfig(done.endpointConfigName);
    expect(config.ProductionVariants).toEqual(
      (await endpointConfig(live.endpointConfigName)).ProductionVariants,
    );
    expect(config.ShadowProductionVariants).toEqual([
      {
        VariantName: 'shadow',
        ModelName: `cairn-mdl-${compact(shadow.id)}`,
        InstanceType: 'ml.m5.large',
        InitialInstanceCount: 2,
        InitialVariantWeight: 0.2,
      },
    ]);
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { classifyAwsError } from '../aws-errors';
import { EXECUTION_ROLE_ARN, IMAGE, type SimTeam, startSimTeam, waitFor } from '../testing/sim-team';
import {
  createEndpoint,
  createEndpointConfig,
  createModel,
  deleteEndpoint,
  describeEndpoint,
  EndpointBusyError,
  updateEndpoint,
} from './sagemaker-endpoints';

let team: SimTeam;
beforeAll(async () => {
  team = await startSimTeam();
});
afterAll(() => team.close());
beforeEach(() => {
  team.calls.length = 0;
});

const ctx = () => ({ client: team.clients.sagemaker, call: team.call });
const operations = () => team.calls.map((call) => call.operation);

async function modelAndConfig() {
  const model = await createModel(ctx(), {
    modelId: crypto.randomUUID(),
    image: IMAGE,
    modelDataUrl: 's3://models/fraud/model.tar.gz',
    executionRoleArn: EXECUTION_ROLE_ARN,
  });
  const config = await createEndpointConfig(ctx(), {
    endpointConfigId: crypto.randomUUID(),
    modelName: model.modelName,
    capacity: { kind: 'instances', instanceType: 'ml.m5.large', instanceCount: 2 },
  });
  return { model, config };
}

const inService = (name: string) =>
  waitFor(
    () => describeEndpoint(ctx(), name),
    (state) => state?.status === 'InService',
  );

describe('sagemaker endpoint adapters', () => {
  it('creates model, config and endpoint once; a retried job adopts all three', async () => {
    const modelId = crypto.randomUUID();
    const configId = crypto.randomUUID();
    const deploymentId = crypto.randomUUID();
    const run = async () => {
      const model = await createModel(ctx(), { modelId, image: IMAGE, executionRoleArn: EXECUTION_ROLE_ARN });
      const config = await createEndpointConfig(ctx(), {
        endpointConfigId: configId,
        modelName: model.modelName,
        capacity: { kind: 'serverless', memorySizeMb: 2048, maxConcurrency: 5 },
      });
      const endpoint = await createEndpoint(ctx(), {
        deploymentId,
        endpointConfigName: config.endpointConfigName,
        tags: { 'cairn:deployment': deploymentId },
      });
      return { model, config, endpoint };
    };

    const first = await run();
    expect(first.endpoint.endpointName).toBe(`cairn-ep-${deploymentId.replaceAll('-', '')}`);
    expect(first.endpoint.endpointArn).toBe(
      `arn:aws:sagemaker:eu-west-1:123456789012:endpoint/${first.endpoint.endpointName}`,
    );
    expect([first.model.isAdopted, first.config.isAdopted, first.endpoint.isAdopted]).toEqual([
      false,
      false,
      false,
    ]);

    team.calls.length = 0;
    const retried = await run();
    expect([retried.model.isAdopted, retried.config.isAdopted, retried.endpoint.isAdopted]).toEqual([
      true,
      true,
      true,
    ]);
    expect(retried.model.modelArn).toBe(first.model.modelArn);
    expect(retried.config.endpointConfigArn).toBe(first.config.endpointConfigArn);
    expect(retried.endpoint.endpointArn).toBe(first.endpoint.endpointArn);
    expect(operations()).toEqual([
      'CreateModel',
      'DescribeModel',
      'CreateEndpointConfig',
      'DescribeEndpointConfig',
      'CreateEndpoint',
      'DescribeEndpoint',
    ]);
    await expect(inService(first.endpoint.endpointName)).resolves.toMatchObject({
      endpointConfigName: first.config.endpointConfigName,
    });
  });

  it('rolls out a canary update once; replaying it adopts the rollout instead of starting another', async () => {
    const v1 = await modelAndConfig();
    const v2 = await modelAndConfig();
    const { endpointName } = await createEndpoint(ctx(), {
      deploymentId: crypto.randomUUID(),
      endpointConfigName: v1.config.endpointConfigName,
    });
    await inService(endpointName);

    const input = {
      endpointName,
      endpointConfigName: v2.config.endpointConfigName,
      guardrails: {
        shift: { kind: 'canary' as const, canaryPercent: 10 },
        waitSeconds: 60,
        rollbackAlarmNames: [],
        maximumExecutionTimeoutSeconds: 1800,
      },
    };
    team.calls.length = 0;
    await expect(updateEndpoint(ctx(), input)).resolves.toMatchObject({ isAdopted: false });
    // Mid-rollout, real SageMaker names the target config (PendingDeploymentSummary) and the replay
    // adopts it; without that, the replay must wait (retryable), never start a second rollout.
    const replay = await updateEndpoint(ctx(), input).catch((error: unknown) => error);
    if (replay instanceof Error) {
      expect(replay).toBeInstanceOf(EndpointBusyError);
      expect(classifyAwsError(replay).kind).toBe('retryable');
    } else {
      expect(replay).toMatchObject({ isAdopted: true });
    }
    expect(operations().filter((op) => op === 'UpdateEndpoint')).toHaveLength(1);

    const done = await inService(endpointName);
    expect(done?.endpointConfigName).toBe(v2.config.endpointConfigName);
    await expect(updateEndpoint(ctx(), input)).resolves.toMatchObject({ isAdopted: true });
    expect(operations().filter((op) => op === 'UpdateEndpoint')).toHaveLength(1);
  });

  it('surfaces what SageMaker rejects as a permanent error', async () => {
    const v1 = await modelAndConfig();
    const v2 = await modelAndConfig();
    const { endpointName } = await createEndpoint(ctx(), {
      deploymentId: crypto.randomUUID(),
      endpointConfigName: v1.config.endpointConfigName,
    });
    await inService(endpointName);
    await expect(
      updateEndpoint(ctx(), {
        endpointName,
        endpointConfigName: v2.config.endpointConfigName,
        guardrails: { shift: { kind: 'canary', canaryPercent: 0 }, waitSeconds: 60, rollbackAlarmNames: [] },
      }),
    ).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('deletes an endpoint; deleting it again, or describing it once gone, is not an error', async () => {
    const { config } = await modelAndConfig();
    const { endpointName } = await createEndpoint(ctx(), {
      deploymentId: crypto.randomUUID(),
      endpointConfigName: config.endpointConfigName,
    });
    await inService(endpointName);
    await expect(deleteEndpoint(ctx(), endpointName)).resolves.toEqual({ endpointName, wasPresent: true });
    await waitFor(
      () => describeEndpoint(ctx(), endpointName),
      (state) => state === null,
    );
    await expect(deleteEndpoint(ctx(), endpointName)).resolves.toEqual({ endpointName, wasPresent: false });
  });
});

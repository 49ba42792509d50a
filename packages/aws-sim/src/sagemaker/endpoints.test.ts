import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  DeleteEndpointCommand,
  DescribeEndpointCommand,
  type SageMakerClient,
  UpdateEndpointCommand,
} from '@aws-sdk/client-sagemaker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AwsSim, startAwsSim } from '../server';
import { admin, EXECUTION_ROLE_ARN, expectStatesInOrder, pollUntil, sageMaker } from '../testing/sim-clients';

let sim: AwsSim;
let client: SageMakerClient;

beforeAll(async () => {
  sim = await startAwsSim({ port: 0, timeScale: 0.005 });
  client = sageMaker(sim);
});
afterAll(() => sim.close());

async function modelAndConfig(
  name: string,
  image = '123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1',
  sm = client,
) {
  await sm.send(
    new CreateModelCommand({
      ModelName: name,
      ExecutionRoleArn: EXECUTION_ROLE_ARN,
      PrimaryContainer: { Image: image, ModelDataUrl: `s3://models/${name}/model.tar.gz` },
    }),
  );
  await sm.send(
    new CreateEndpointConfigCommand({
      EndpointConfigName: name,
      ProductionVariants: [
        { VariantName: 'AllTraffic', ModelName: name, InitialInstanceCount: 2, InstanceType: 'ml.m5.large' },
      ],
    }),
  );
}

function status(name: string, sm = client) {
  return async () => (await sm.send(new DescribeEndpointCommand({ EndpointName: name }))).EndpointStatus;
}

const CANARY = {
  BlueGreenUpdatePolicy: {
    TrafficRoutingConfiguration: {
      Type: 'CANARY' as const,
      CanarySize: { Type: 'CAPACITY_PERCENT' as const, Value: 10 },
      WaitIntervalInSeconds: 120,
    },
    TerminationWaitInSeconds: 60,
    MaximumExecutionTimeoutInSeconds: 1800,
  },
};

describe('sagemaker endpoints', () => {
  it('goes Creating -> InService, Updating (canary) -> InService on the new config, Deleting -> gone', async () => {
    await modelAndConfig('churn-v1');
    await modelAndConfig('churn-v2');
    const created = await client.send(
      new CreateEndpointCommand({ EndpointName: 'churn-prod', EndpointConfigName: 'churn-v1' }),
    );
    expect(created.EndpointArn).toBe('arn:aws:sagemaker:us-east-1:000000000000:endpoint/churn-prod');
    const creating = await pollUntil(status('churn-prod'), (value) => value === 'InService');
    expect(creating.seen).toEqual(['Creating', 'InService']);

    await client.send(
      new UpdateEndpointCommand({
        EndpointName: 'churn-prod',
        EndpointConfigName: 'churn-v2',
        DeploymentConfig: CANARY,
      }),
    );
    const updating = await pollUntil(status('churn-prod'), (value) => value === 'InService');
    expect(updating.seen).toEqual(['Updating', 'InService']);
    const described = await client.send(new DescribeEndpointCommand({ EndpointName: 'churn-prod' }));
    expect(described.EndpointConfigName).toBe('churn-v2');
    expect(described.LastDeploymentConfig?.BlueGreenUpdatePolicy?.TrafficRoutingConfiguration?.Type).toBe(
      'CANARY',
    );
    expect(described.ProductionVariants?.[0]?.CurrentInstanceCount).toBe(2);
    expect(described.CreationTime).toBeInstanceOf(Date);

    await client.send(new DeleteEndpointCommand({ EndpointName: 'churn-prod' }));
    const deleting = await pollUntil(
      () => status('churn-prod')().catch((error: Error) => error.name),
      (value) => value === 'ValidationException',
    );
    expect(deleting.seen).toEqual(['Deleting', 'ValidationException']);
  });

  it('rolls back to the old config when an auto-rollback alarm fires during a linear update', async () => {
    // RollingBack lasts 15 simulated seconds; a slower clock keeps it observable on a loaded machine.
    const slowSim = await startAwsSim({ port: 0, timeScale: 0.02 });
    try {
      await rollbackScenario(slowSim, sageMaker(slowSim));
    } finally {
      await slowSim.close();
    }
  });

  async function rollbackScenario(sim: AwsSim, client: SageMakerClient) {
    await modelAndConfig('fraud-v1', undefined, client);
    await modelAndConfig('fraud-v2', undefined, client);
    await client.send(
      new CreateEndpointCommand({ EndpointName: 'fraud-prod', EndpointConfigName: 'fraud-v1' }),
    );
    await pollUntil(status('fraud-prod', client), (value) => value === 'InService');
    await client.send(
      new UpdateEndpointCommand({
        EndpointName: 'fraud-prod',
        EndpointConfigName: 'fraud-v2',
        DeploymentConfig: {
          BlueGreenUpdatePolicy: {
            TrafficRoutingConfiguration: {
              Type: 'LINEAR',
              LinearStepSize: { Type: 'INSTANCE_COUNT', Value: 1 },
              WaitIntervalInSeconds: 600,
            },
          },
          AutoRollbackConfiguration: { Alarms: [{ AlarmName: 'fraud-prod-5xx' }] },
        },
      }),
    );
    expect(await status('fraud-prod', client)()).toBe('Updating');
    const fired = await admin(sim, 'POST', '/_sim/alarms', { name: 'fraud-prod-5xx', state: 'ALARM' });
    expect(fired.status).toBe(200);
    const rolling = await pollUntil(status('fraud-prod', client), (value) => value === 'InService');
    expect(rolling.seen).toEqual(['Updating', 'RollingBack', 'InService']);
    const described = await client.send(new DescribeEndpointCommand({ EndpointName: 'fraud-prod' }));
    expect(described.EndpointConfigName).toBe('fraud-v1');
    expect(described.FailureReason).toContain('fraud-prod-5xx');
  }

  it('ends UpdateRollbackFailed when the old fleet cannot come back, and takes an update from there', async () => {
    const slowSim = await startAwsSim({ port: 0, timeScale: 0.02 });
    const sm = sageMaker(slowSim);
    try {
      await modelAndConfig('stuck-v1', undefined, sm);
      await modelAndConfig('stuck-v2', undefined, sm);
      await sm.send(new CreateEndpointCommand({ EndpointName: 'stuck', EndpointConfigName: 'stuck-v1' }));
      await pollUntil(status('stuck', sm), (value) => value === 'InService');
      await admin(slowSim, 'POST', '/_sim/faults', { failResource: 'stuck-v1' });
      await sm.send(
        new UpdateEndpointCommand({
          EndpointName: 'stuck',
          EndpointConfigName: 'stuck-v2',
          DeploymentConfig: {
            ...CANARY,
            AutoRollbackConfiguration: { Alarms: [{ AlarmName: 'stuck-5xx' }] },
          },
        }),
      );
      await admin(slowSim, 'POST', '/_sim/alarms', { name: 'stuck-5xx', state: 'ALARM' });
      const { seen } = await pollUntil(status('stuck', sm), (value) => value === 'UpdateRollbackFailed');
      expectStatesInOrder(seen, ['Updating', 'RollingBack', 'UpdateRollbackFailed']);
      const described = await sm.send(new DescribeEndpointCommand({ EndpointName: 'stuck' }));
      expect(described.FailureReason).toContain('could not be restored');
      await admin(slowSim, 'DELETE', '/_sim/faults');
      await admin(slowSim, 'DELETE', '/_sim/alarms');
      await sm.send(new UpdateEndpointCommand({ EndpointName: 'stuck', EndpointConfigName: 'stuck-v2' }));
      expect(await status('stuck', sm)()).toBe('Updating');
    } finally {
      await slowSim.close();
    }
  });

  it('ends Failed when the model image is bad', async () => {
    await modelAndConfig('broken-v1', '123456789012.dkr.ecr.us-east-1.amazonaws.com/fail:1');
    await client.send(new CreateEndpointCommand({ EndpointName: 'broken', EndpointConfigName: 'broken-v1' }));
    const { seen } = await pollUntil(status('broken'), (value) => value === 'Failed');
    expectStatesInOrder(seen, ['Creating', 'Failed']);
  });

  it('ends Failed when a failResource fault names it', async () => {
    await admin(sim, 'POST', '/_sim/faults', { failResource: 'doomed' });
    try {
      await modelAndConfig('doomed-v1');
      await client.send(
        new CreateEndpointCommand({ EndpointName: 'doomed-prod', EndpointConfigName: 'doomed-v1' }),
      );
      const { last } = await pollUntil(status('doomed-prod'), (value) => value !== 'Creating');
      expect(last).toBe('Failed');
      const described = await client.send(new DescribeEndpointCommand({ EndpointName: 'doomed-prod' }));
      expect(described.FailureReason).toBeTruthy();
    } finally {
      await admin(sim, 'DELETE', '/_sim/faults');
    }
  });

  it('refuses to update an endpoint that is not InService', async () => {
    await modelAndConfig('busy-v1');
    await client.send(new CreateEndpointCommand({ EndpointName: 'busy', EndpointConfigName: 'busy-v1' }));
    await expect(
      client.send(new UpdateEndpointCommand({ EndpointName: 'busy', EndpointConfigName: 'busy-v1' })),
    ).rejects.toMatchObject({ name: 'ValidationException', message: expect.stringContaining('Creating') });
  });

  it('answers a duplicate endpoint as real SageMaker does: ValidationException "already existing"', async () => {
    await modelAndConfig('dup-v1');
    await client.send(new CreateEndpointCommand({ EndpointName: 'dup', EndpointConfigName: 'dup-v1' }));
    await expect(
      client.send(new CreateEndpointCommand({ EndpointName: 'dup', EndpointConfigName: 'dup-v1' })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message:
        'Cannot create already existing endpoint "arn:aws:sagemaker:us-east-1:000000000000:endpoint/dup".',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('answers Describe of a missing endpoint with ValidationException "Could not find endpoint"', async () => {
    await expect(client.send(new DescribeEndpointCommand({ EndpointName: 'nope' }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('Could not find endpoint'),
    });
  });
});

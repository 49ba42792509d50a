import {
  CreateEndpointConfigCommand as ConfigCommand,
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  DescribeEndpointCommand,
  type SageMakerClient,
  UpdateEndpointCommand,
} from '@aws-sdk/client-sagemaker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AwsSim, startAwsSim } from '../server';
import { EXECUTION_ROLE_ARN, pollUntil, sageMaker } from '../testing/sim-clients';

let sim: AwsSim;
let client: SageMakerClient;

beforeAll(async () => {
  sim = await startAwsSim({ port: 0, timeScale: 0.001 });
  client = sageMaker(sim);
  await client.send(
    new CreateModelCommand({
      ModelName: 'm1',
      ExecutionRoleArn: EXECUTION_ROLE_ARN,
      PrimaryContainer: { Image: 'repo/image:1' },
    }),
  );
  await client.send(
    new ConfigCommand({
      EndpointConfigName: 'c1',
      ProductionVariants: [
        { VariantName: 'v', ModelName: 'm1', InitialInstanceCount: 4, InstanceType: 'ml.m5.large' },
      ],
    }),
  );
  await client.send(new CreateEndpointCommand({ EndpointName: 'live', EndpointConfigName: 'c1' }));
  await pollUntil(
    async () => (await client.send(new DescribeEndpointCommand({ EndpointName: 'live' }))).EndpointStatus,
    (status) => status === 'InService',
  );
});
afterAll(() => sim.close());

function canaryUpdate(size: { Type: 'CAPACITY_PERCENT' | 'INSTANCE_COUNT'; Value: number }, wait = 60) {
  return client.send(
    new UpdateEndpointCommand({
      EndpointName: 'live',
      EndpointConfigName: 'c1',
      DeploymentConfig: {
        BlueGreenUpdatePolicy: {
          TrafficRoutingConfiguration: { Type: 'CANARY', CanarySize: size, WaitIntervalInSeconds: wait },
        },
      },
    }),
  );
}

describe('sagemaker validation', () => {
  it('rejects a bad endpoint name naming the member and the pattern', async () => {
    await expect(
      client.send(new CreateEndpointCommand({ EndpointName: 'bad_name!', EndpointConfigName: 'c1' })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      $metadata: { httpStatusCode: 400 },
      message:
        "1 validation error detected: Value 'bad_name!' at 'endpointName' failed to satisfy constraint: " +
        'Member must satisfy regular expression pattern: ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$',
    });
  });

  it('rejects a name longer than 63 characters', async () => {
    await expect(
      client.send(new CreateEndpointCommand({ EndpointName: 'a'.repeat(64), EndpointConfigName: 'c1' })),
    ).rejects.toMatchObject({ message: expect.stringContaining('have length less than or equal to 63') });
  });

  it('rejects a missing required member', async () => {
    await expect(
      client.send(
        new CreateEndpointConfigCommand({ EndpointConfigName: 'c2', ProductionVariants: undefined as never }),
      ),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining(
        "Value null at 'productionVariants' failed to satisfy constraint: Member must not be null",
      ),
    });
  });

  it.each([0, 101])('rejects a CAPACITY_PERCENT canary of %i', async (value) => {
    await expect(canaryUpdate({ Type: 'CAPACITY_PERCENT', Value: value })).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining(
        'deploymentConfig.blueGreenUpdatePolicy.trafficRoutingConfiguration.canarySize.value',
      ),
    });
  });

  it('rejects a wait interval above 3600 seconds', async () => {
    await expect(canaryUpdate({ Type: 'INSTANCE_COUNT', Value: 1 }, 4000)).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringMatching(
        /Value '4000' at 'deploymentConfig\.blueGreenUpdatePolicy\.trafficRoutingConfiguration\.waitIntervalInSeconds'.*less than or equal to 3600/,
      ),
    });
  });

  it('reports every problem of one request together', async () => {
    await expect(
      client.send(
        new UpdateEndpointCommand({
          EndpointName: 'live',
          EndpointConfigName: 'c1',
          DeploymentConfig: {
            BlueGreenUpdatePolicy: {
              TrafficRoutingConfiguration: { Type: 'SIDEWAYS' as never, WaitIntervalInSeconds: -1 },
              MaximumExecutionTimeoutInSeconds: 30,
            },
            AutoRollbackConfiguration: {
              Alarms: Array.from({ length: 11 }, (_, i) => ({ AlarmName: `a${i}` })),
            },
          },
        }),
      ),
    ).rejects.toMatchObject({ message: expect.stringMatching(/^4 validation errors detected: /) });
  });

  it('requires a canary size for CANARY routing', async () => {
    await expect(
      client.send(
        new UpdateEndpointCommand({
          EndpointName: 'live',
          EndpointConfigName: 'c1',
          DeploymentConfig: {
            BlueGreenUpdatePolicy: {
              TrafficRoutingConfiguration: { Type: 'CANARY', WaitIntervalInSeconds: 60 },
            },
          },
        }),
      ),
    ).rejects.toMatchObject({
      message: expect.stringContaining(
        "Value null at 'deploymentConfig.blueGreenUpdatePolicy.trafficRoutingConfiguration.canarySize'",
      ),
    });
  });

  it('rejects an execution role that is not a role ARN, and a model with no container', async () => {
    await expect(
      client.send(
        new CreateModelCommand({
          ModelName: 'm2',
          ExecutionRoleArn: 'role/x',
          PrimaryContainer: { Image: 'i' },
        }),
      ),
    ).rejects.toMatchObject({ message: expect.stringContaining("at 'executionRoleArn'") });
    await expect(
      client.send(new CreateModelCommand({ ModelName: 'm2', ExecutionRoleArn: EXECUTION_ROLE_ARN })),
    ).rejects.toMatchObject({ message: 'Either PrimaryContainer or Containers must be specified.' });
  });

  it('rejects an endpoint config whose model does not exist', async () => {
    await expect(
      client.send(
        new CreateEndpointConfigCommand({
          EndpointConfigName: 'c3',
          ProductionVariants: [
            { VariantName: 'v', ModelName: 'ghost', InitialInstanceCount: 1, InstanceType: 'ml.m5.large' },
          ],
        }),
      ),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('Could not find model'),
    });
  });
});

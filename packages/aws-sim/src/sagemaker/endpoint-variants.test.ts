import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  type CreateEndpointConfigCommandInput,
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
  // A canary of 200 simulated seconds lasts 2 s: long enough to read the traffic share mid-way.
  sim = await startAwsSim({ port: 0, timeScale: 0.01 });
  client = sageMaker(sim);
  for (const name of ['live', 'next', 'shadow']) {
    await client.send(
      new CreateModelCommand({
        ModelName: name,
        ExecutionRoleArn: EXECUTION_ROLE_ARN,
        PrimaryContainer: { Image: `repo/${name}:1` },
      }),
    );
  }
});
afterAll(() => sim.close());

const instances = (VariantName: string, ModelName: string, InitialVariantWeight = 1) => ({
  VariantName,
  ModelName,
  InstanceType: 'ml.m5.large' as const,
  InitialInstanceCount: 2,
  InitialVariantWeight,
});

function config(input: Omit<CreateEndpointConfigCommandInput, 'EndpointConfigName'>, name: string) {
  return client.send(new CreateEndpointConfigCommand({ EndpointConfigName: name, ...input }));
}

async function inService(endpointName: string, configName: string) {
  await client.send(
    new CreateEndpointCommand({ EndpointName: endpointName, EndpointConfigName: configName }),
  );
  await pollUntil(
    async () =>
      (await client.send(new DescribeEndpointCommand({ EndpointName: endpointName }))).EndpointStatus,
    (status) => status === 'InService',
  );
}

describe('endpoint config variants', () => {
  it('runs a shadow variant beside production and reports both', async () => {
    await config(
      {
        ProductionVariants: [instances('primary', 'live')],
        ShadowProductionVariants: [instances('shadow', 'shadow', 0.2)],
      },
      'with-shadow',
    );
    await inService('shadowed', 'with-shadow');
    const described = await client.send(new DescribeEndpointCommand({ EndpointName: 'shadowed' }));
    expect(described.ProductionVariants?.map((variant) => variant.VariantName)).toEqual(['primary']);
    expect(described.ShadowProductionVariants?.[0]).toMatchObject({
      VariantName: 'shadow',
      CurrentWeight: 0.2,
    });
  });

  it('refuses a shadow variant named like a production one, or on a serverless endpoint', async () => {
    await expect(
      config(
        {
          ProductionVariants: [instances('primary', 'live')],
          ShadowProductionVariants: [instances('primary', 'shadow')],
        },
        'clash',
      ),
    ).rejects.toMatchObject({ name: 'ValidationException', message: expect.stringContaining('unique') });
    await expect(
      config(
        {
          ProductionVariants: [
            {
              VariantName: 'primary',
              ModelName: 'live',
              ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 5 },
            },
          ],
          ShadowProductionVariants: [instances('shadow', 'shadow')],
        },
        'serverless-shadow',
      ),
    ).rejects.toMatchObject({ message: expect.stringContaining('serverless') });
  });

  it('takes serverless provisioned concurrency up to the maximum concurrency', async () => {
    const serverless = (ProvisionedConcurrency: number, MemorySizeInMB = 2048) => ({
      ProductionVariants: [
        {
          VariantName: 'primary',
          ModelName: 'live',
          ServerlessConfig: { MemorySizeInMB, MaxConcurrency: 10, ProvisionedConcurrency },
        },
      ],
    });
    await expect(config(serverless(5), 'provisioned-ok')).resolves.toMatchObject({
      EndpointConfigArn: expect.stringContaining('provisioned-ok'),
    });
    await expect(config(serverless(11), 'provisioned-too-many')).rejects.toMatchObject({
      message: expect.stringContaining(
        'ProvisionedConcurrency (11) must be less than or equal to MaxConcurrency (10)',
      ),
    });
    await expect(config(serverless(1, 1500), 'odd-memory')).rejects.toMatchObject({
      message: expect.stringContaining('MemorySizeInMB must be one of'),
    });
  });

  it('checks AsyncInferenceConfig and shows it on the endpoint', async () => {
    const asyncConfig = {
      OutputConfig: { S3OutputPath: 's3://results/ok/', S3FailurePath: 's3://results/failed/' },
      ClientConfig: { MaxConcurrentInvocationsPerInstance: 4 },
    };
    await config(
      { ProductionVariants: [instances('primary', 'live')], AsyncInferenceConfig: asyncConfig },
      'async',
    );
    await inService('async-endpoint', 'async');
    const described = await client.send(new DescribeEndpointCommand({ EndpointName: 'async-endpoint' }));
    expect(described.AsyncInferenceConfig).toEqual(asyncConfig);
    await expect(
      config(
        {
          ProductionVariants: [instances('primary', 'live')],
          AsyncInferenceConfig: {
            OutputConfig: { S3OutputPath: 'results' },
            ClientConfig: { MaxConcurrentInvocationsPerInstance: 0 },
          },
        },
        'async-bad',
      ),
    ).rejects.toMatchObject({
      message: expect.stringMatching(
        /^2 validation errors detected: .*s3OutputPath.*maxConcurrentInvocationsPerInstance/,
      ),
    });
  });

  it('reports a canary in flight as PendingDeploymentSummary with the share of traffic moved', async () => {
    await config({ ProductionVariants: [instances('primary', 'live')] }, 'canary-v1');
    await config({ ProductionVariants: [instances('primary', 'next')] }, 'canary-v2');
    await inService('canaried', 'canary-v1');
    await client.send(
      new UpdateEndpointCommand({
        EndpointName: 'canaried',
        EndpointConfigName: 'canary-v2',
        DeploymentConfig: {
          BlueGreenUpdatePolicy: {
            TrafficRoutingConfiguration: {
              Type: 'CANARY',
              CanarySize: { Type: 'CAPACITY_PERCENT', Value: 25 },
              WaitIntervalInSeconds: 200,
            },
          },
        },
      }),
    );
    const pending = async () => {
      const described = await client.send(new DescribeEndpointCommand({ EndpointName: 'canaried' }));
      const variant = described.PendingDeploymentSummary?.ProductionVariants?.[0];
      return variant
        ? `${variant.VariantStatus?.[0]?.Status}:${variant.CurrentWeight}/${variant.DesiredWeight}`
        : 'none';
    };
    const { seen } = await pollUntil(pending, (value) => value === 'ActivatingTraffic:0.25/1');
    expect(seen.at(-1)).toBe('ActivatingTraffic:0.25/1');
    const described = await client.send(new DescribeEndpointCommand({ EndpointName: 'canaried' }));
    expect(described.PendingDeploymentSummary?.EndpointConfigName).toBe('canary-v2');
    expect(described.EndpointConfigName).toBe('canary-v1');
    const { last } = await pollUntil(pending, (value) => value === 'none', 10_000);
    expect(last).toBe('none');
    expect(
      (await client.send(new DescribeEndpointCommand({ EndpointName: 'canaried' }))).EndpointConfigName,
    ).toBe('canary-v2');
  });
});

import {
  DeleteScalingPolicyCommand,
  DeregisterScalableTargetCommand,
  DescribeScalableTargetsCommand,
  DescribeScalingPoliciesCommand,
  PutScalingPolicyCommand,
  RegisterScalableTargetCommand,
} from '@aws-sdk/client-application-auto-scaling';
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  DescribeEndpointCommand,
} from '@aws-sdk/client-sagemaker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AwsSim, startAwsSim } from '../server';
import { applicationAutoScaling, EXECUTION_ROLE_ARN, pollUntil, sageMaker } from '../testing/sim-clients';

let sim: AwsSim;

beforeAll(async () => {
  sim = await startAwsSim({ port: 0, timeScale: 0.005 });
});
afterAll(() => sim.close());

const DIMENSION = 'sagemaker:variant:DesiredInstanceCount';

async function endpointInService(name: string, options: { isAsync?: boolean } = {}) {
  const sm = sageMaker(sim);
  await sm.send(
    new CreateModelCommand({
      ModelName: name,
      ExecutionRoleArn: EXECUTION_ROLE_ARN,
      PrimaryContainer: { Image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1' },
    }),
  );
  await sm.send(
    new CreateEndpointConfigCommand({
      EndpointConfigName: name,
      ProductionVariants: [
        { VariantName: 'primary', ModelName: name, InitialInstanceCount: 1, InstanceType: 'ml.m5.large' },
      ],
      ...(options.isAsync
        ? { AsyncInferenceConfig: { OutputConfig: { S3OutputPath: 's3://out/async/' } } }
        : {}),
    }),
  );
  await sm.send(new CreateEndpointCommand({ EndpointName: name, EndpointConfigName: name }));
  const { last } = await pollUntil(
    async () => (await sm.send(new DescribeEndpointCommand({ EndpointName: name }))).EndpointStatus,
    (status) => status === 'InService',
  );
  expect(last).toBe('InService');
}

const target = (endpoint: string, variant = 'primary') => ({
  ServiceNamespace: 'sagemaker' as const,
  ResourceId: `endpoint/${endpoint}/variant/${variant}`,
  ScalableDimension: DIMENSION as 'sagemaker:variant:DesiredInstanceCount',
});

const policy = (endpoint: string, name = 'invocations') => ({
  ...target(endpoint),
  PolicyName: name,
  PolicyType: 'TargetTrackingScaling' as const,
  TargetTrackingScalingPolicyConfiguration: {
    TargetValue: 70,
    PredefinedMetricSpecification: {
      PredefinedMetricType: 'SageMakerVariantInvocationsPerInstance' as const,
    },
    ScaleInCooldown: 300,
    ScaleOutCooldown: 60,
  },
});

describe('application auto scaling for sagemaker variants', () => {
  it('registers a variant, attaches a target-tracking policy, and deregistering removes both', async () => {
    await endpointInService('scaled');
    const client = applicationAutoScaling(sim);
    const registered = await client.send(
      new RegisterScalableTargetCommand({ ...target('scaled'), MinCapacity: 1, MaxCapacity: 4 }),
    );
    expect(registered.ScalableTargetARN).toMatch(
      /^arn:aws:application-autoscaling:us-east-1:\d{12}:scalable-target\//,
    );
    // Registering again updates the same target rather than adding one.
    await client.send(new RegisterScalableTargetCommand({ ...target('scaled'), MaxCapacity: 6 }));
    const { ScalableTargets } = await client.send(
      new DescribeScalableTargetsCommand({
        ServiceNamespace: 'sagemaker',
        ResourceIds: ['endpoint/scaled/variant/primary'],
      }),
    );
    expect(ScalableTargets).toHaveLength(1);
    expect(ScalableTargets?.[0]).toMatchObject({
      MinCapacity: 1,
      MaxCapacity: 6,
      ScalableDimension: DIMENSION,
    });
    expect(ScalableTargets?.[0]?.CreationTime).toBeInstanceOf(Date);

    const put = await client.send(new PutScalingPolicyCommand(policy('scaled')));
    const again = await client.send(new PutScalingPolicyCommand(policy('scaled')));
    expect(again.PolicyARN).toBe(put.PolicyARN);
    const { ScalingPolicies } = await client.send(
      new DescribeScalingPoliciesCommand({
        ServiceNamespace: 'sagemaker',
        ResourceId: 'endpoint/scaled/variant/primary',
      }),
    );
    expect(ScalingPolicies).toHaveLength(1);
    expect(ScalingPolicies?.[0]?.TargetTrackingScalingPolicyConfiguration).toMatchObject({
      TargetValue: 70,
      ScaleInCooldown: 300,
      ScaleOutCooldown: 60,
    });

    await client.send(new DeregisterScalableTargetCommand(target('scaled')));
    const after = await client.send(
      new DescribeScalingPoliciesCommand({
        ServiceNamespace: 'sagemaker',
        ResourceId: 'endpoint/scaled/variant/primary',
      }),
    );
    expect(after.ScalingPolicies).toEqual([]);
    await expect(client.send(new DeregisterScalableTargetCommand(target('scaled')))).rejects.toMatchObject({
      name: 'ObjectNotFoundException',
    });
  });

  it('refuses what AWS refuses: bad capacities, unknown variants, other namespaces, policies without a target', async () => {
    await endpointInService('strict');
    const client = applicationAutoScaling(sim);
    await expect(
      client.send(new RegisterScalableTargetCommand({ ...target('strict'), MinCapacity: 5, MaxCapacity: 2 })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringMatching(/greater than maximum/),
    });
    await expect(
      client.send(
        new RegisterScalableTargetCommand({ ...target('strict', 'nope'), MinCapacity: 1, MaxCapacity: 2 }),
      ),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringMatching(/nope does not exist/),
    });
    await expect(
      client.send(
        new RegisterScalableTargetCommand({ ...target('missing'), MinCapacity: 1, MaxCapacity: 2 }),
      ),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringMatching(/Could not find endpoint/),
    });
    await expect(
      client.send(
        new RegisterScalableTargetCommand({
          ...target('strict'),
          ResourceId: 'endpoint/strict',
          MinCapacity: 1,
          MaxCapacity: 2,
        }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(
      client.send(new RegisterScalableTargetCommand({ ...target('strict'), MinCapacity: 0, MaxCapacity: 2 })),
    ).rejects.toMatchObject({ name: 'ValidationException', message: expect.stringMatching(/at least 1/) });
    await expect(client.send(new RegisterScalableTargetCommand(target('strict')))).rejects.toMatchObject({
      name: 'ValidationException',
    });
    await expect(client.send(new PutScalingPolicyCommand(policy('strict')))).rejects.toMatchObject({
      name: 'ObjectNotFoundException',
    });
    await expect(
      client.send(new DeleteScalingPolicyCommand({ ...target('strict'), PolicyName: 'invocations' })),
    ).rejects.toMatchObject({ name: 'ObjectNotFoundException' });
    await client.send(
      new RegisterScalableTargetCommand({ ...target('strict'), MinCapacity: 1, MaxCapacity: 2 }),
    );
    await expect(
      client.send(
        new PutScalingPolicyCommand({
          ...policy('strict'),
          TargetTrackingScalingPolicyConfiguration: {
            TargetValue: 70,
            PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' },
          },
        }),
      ),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringMatching(/Unsupported metric type/),
    });
    await client.send(new PutScalingPolicyCommand(policy('strict')));
    await client.send(new DeleteScalingPolicyCommand({ ...target('strict'), PolicyName: 'invocations' }));
    const { ScalingPolicies } = await client.send(
      new DescribeScalingPoliciesCommand({ ServiceNamespace: 'sagemaker', PolicyNames: ['invocations'] }),
    );
    expect(ScalingPolicies?.filter((p) => p.ResourceId === 'endpoint/strict/variant/primary')).toEqual([]);
  });

  it('lets an asynchronous endpoint scale to zero', async () => {
    await endpointInService('queued', { isAsync: true });
    const client = applicationAutoScaling(sim);
    await client.send(
      new RegisterScalableTargetCommand({ ...target('queued'), MinCapacity: 0, MaxCapacity: 3 }),
    );
    const { ScalableTargets } = await client.send(
      new DescribeScalableTargetsCommand({
        ServiceNamespace: 'sagemaker',
        ResourceIds: ['endpoint/queued/variant/primary'],
      }),
    );
    expect(ScalableTargets?.[0]?.MinCapacity).toBe(0);
  });
});

import {
  DeregisterScalableTargetCommand,
  DescribeScalingPoliciesCommand,
  PutScalingPolicyCommand,
  RegisterScalableTargetCommand,
  type StepScalingPolicyConfiguration,
} from '@aws-sdk/client-application-auto-scaling';
import { CloudWatchClient, DescribeAlarmsCommand, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  DescribeEndpointCommand,
  UpdateEndpointCommand,
} from '@aws-sdk/client-sagemaker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AwsSim, startAwsSim } from '../server';
import {
  admin,
  applicationAutoScaling,
  BASE_CREDENTIALS,
  EXECUTION_ROLE_ARN,
  pollUntil,
  sageMaker,
} from '../testing/sim-clients';

let sim: AwsSim;

beforeAll(async () => {
  sim = await startAwsSim({ port: 0, timeScale: 0.005 });
});
afterAll(() => sim.close());

const DIMENSION = 'sagemaker:variant:DesiredInstanceCount' as const;
const IMAGE = '123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1';

async function endpointConfig(name: string, model: string, instanceType: string, variant = 'primary') {
  await sageMaker(sim).send(
    new CreateEndpointConfigCommand({
      EndpointConfigName: name,
      ProductionVariants: [
        {
          VariantName: variant,
          ModelName: model,
          InitialInstanceCount: 1,
          InstanceType: instanceType as 'ml.m5.large',
        },
      ],
      AsyncInferenceConfig: { OutputConfig: { S3OutputPath: 's3://out/async/' } },
    }),
  );
}

async function inService(name: string) {
  const { last } = await pollUntil(
    async () =>
      (await sageMaker(sim).send(new DescribeEndpointCommand({ EndpointName: name }))).EndpointStatus,
    (status) => status === 'InService',
  );
  expect(last).toBe('InService');
}

/** An asynchronous endpoint in service on `<name>-v1`, its primary variant registered for 0-3. */
async function scaledEndpoint(name: string) {
  const sm = sageMaker(sim);
  for (const model of [`${name}-a`, `${name}-b`]) {
    await sm.send(
      new CreateModelCommand({
        ModelName: model,
        ExecutionRoleArn: EXECUTION_ROLE_ARN,
        PrimaryContainer: { Image: IMAGE },
      }),
    );
  }
  await endpointConfig(`${name}-v1`, `${name}-a`, 'ml.m5.large');
  await sm.send(new CreateEndpointCommand({ EndpointName: name, EndpointConfigName: `${name}-v1` }));
  await inService(name);
  await applicationAutoScaling(sim).send(
    new RegisterScalableTargetCommand({ ...target(name), MinCapacity: 0, MaxCapacity: 3 }),
  );
}

const target = (endpoint: string) => ({
  ServiceNamespace: 'sagemaker' as const,
  ResourceId: `endpoint/${endpoint}/variant/primary`,
  ScalableDimension: DIMENSION,
});

const stepPolicy = (endpoint: string, configuration: object) =>
  new PutScalingPolicyCommand({
    ...target(endpoint),
    PolicyName: 'from-zero',
    PolicyType: 'StepScaling',
    StepScalingPolicyConfiguration: configuration as StepScalingPolicyConfiguration,
  });

const ONE_MORE: StepScalingPolicyConfiguration = {
  AdjustmentType: 'ChangeInCapacity',
  MetricAggregationType: 'Average',
  Cooldown: 300,
  StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 1 }],
};

describe('step scaling policies', () => {
  it('puts a step policy on a registered variant and describes it with its configuration', async () => {
    await scaledEndpoint('backlog');
    const client = applicationAutoScaling(sim);
    const put = await client.send(stepPolicy('backlog', ONE_MORE));
    expect(put.PolicyARN).toMatch(
      /^arn:aws:autoscaling:us-east-1:\d{12}:scalingPolicy:.+:policyName\/from-zero$/,
    );
    expect(put.Alarms).toEqual([]);
    expect((await client.send(stepPolicy('backlog', ONE_MORE))).PolicyARN).toBe(put.PolicyARN);
    const { ScalingPolicies } = await client.send(
      new DescribeScalingPoliciesCommand({
        ServiceNamespace: 'sagemaker',
        ResourceId: target('backlog').ResourceId,
      }),
    );
    expect(ScalingPolicies).toEqual([
      expect.objectContaining({
        PolicyName: 'from-zero',
        PolicyType: 'StepScaling',
        StepScalingPolicyConfiguration: ONE_MORE,
      }),
    ]);
    expect(ScalingPolicies?.[0]?.TargetTrackingScalingPolicyConfiguration).toBeUndefined();
  });

  it('refuses step configurations AWS refuses', async () => {
    await scaledEndpoint('steps-refused');
    const client = applicationAutoScaling(sim);
    const refused = [
      // No configuration for the type, or the other type's.
      new PutScalingPolicyCommand({ ...target('steps-refused'), PolicyName: 'p', PolicyType: 'StepScaling' }),
      { AdjustmentType: 'Increase', StepAdjustments: [{ ScalingAdjustment: 1 }] },
      { StepAdjustments: [{ ScalingAdjustment: 1 }] },
      { AdjustmentType: 'ChangeInCapacity', StepAdjustments: [] },
      { AdjustmentType: 'ChangeInCapacity', StepAdjustments: [{ MetricIntervalLowerBound: 0 }] },
      { AdjustmentType: 'ChangeInCapacity', Cooldown: -1, StepAdjustments: [{ ScalingAdjustment: 1 }] },
      {
        AdjustmentType: 'ChangeInCapacity',
        MinAdjustmentMagnitude: 1,
        StepAdjustments: [{ ScalingAdjustment: 1 }],
      },
      {
        AdjustmentType: 'ChangeInCapacity',
        StepAdjustments: [{ MetricIntervalLowerBound: 5, MetricIntervalUpperBound: 2, ScalingAdjustment: 1 }],
      },
      {
        AdjustmentType: 'ChangeInCapacity',
        StepAdjustments: [
          { MetricIntervalLowerBound: 0, ScalingAdjustment: 1 },
          { MetricIntervalLowerBound: 5, ScalingAdjustment: 2 },
        ],
      },
      {
        AdjustmentType: 'ChangeInCapacity',
        StepAdjustments: [
          { MetricIntervalLowerBound: 0, MetricIntervalUpperBound: 10, ScalingAdjustment: 1 },
          { MetricIntervalLowerBound: 5, ScalingAdjustment: 2 },
        ],
      },
    ];
    for (const request of refused) {
      const command =
        request instanceof PutScalingPolicyCommand ? request : stepPolicy('steps-refused', request);
      await expect(client.send(command), JSON.stringify(request)).rejects.toMatchObject({
        name: 'ValidationException',
      });
    }
    await expect(
      client.send(
        new PutScalingPolicyCommand({
          ...target('steps-refused'),
          PolicyName: 'p',
          PolicyType: 'TargetTrackingScaling',
          StepScalingPolicyConfiguration: ONE_MORE,
        }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationException' });
  });
});

describe('UpdateEndpoint on a variant registered for autoscaling', () => {
  it('refuses a new instance type or a removed variant until the variant is deregistered, and allows a new model', async () => {
    await scaledEndpoint('guarded');
    const sm = sageMaker(sim);
    await endpointConfig('guarded-bigger', 'guarded-b', 'ml.m5.xlarge');
    await endpointConfig('guarded-renamed', 'guarded-b', 'ml.m5.large', 'blue');
    await endpointConfig('guarded-model', 'guarded-b', 'ml.m5.large');
    for (const config of ['guarded-bigger', 'guarded-renamed']) {
      await expect(
        sm.send(new UpdateEndpointCommand({ EndpointName: 'guarded', EndpointConfigName: config })),
      ).rejects.toMatchObject({
        name: 'ValidationException',
        message: expect.stringContaining('must be deregistered as scalable targets'),
      });
    }
    await sm.send(
      new UpdateEndpointCommand({ EndpointName: 'guarded', EndpointConfigName: 'guarded-model' }),
    );
    await inService('guarded');

    await applicationAutoScaling(sim).send(new DeregisterScalableTargetCommand(target('guarded')));
    await sm.send(
      new UpdateEndpointCommand({ EndpointName: 'guarded', EndpointConfigName: 'guarded-bigger' }),
    );
    await inService('guarded');
  });
});

describe('step policies run by alarms', () => {
  async function desiredCount(endpoint: string) {
    const described = await sageMaker(sim).send(new DescribeEndpointCommand({ EndpointName: endpoint }));
    return described.ProductionVariants?.[0]?.DesiredInstanceCount;
  }

  /**
   * An asynchronous endpoint with no requests yet (its backlog metric stays 0), a step policy down
   * to zero instances, one adding an instance, and the means to put alarms on them.
   */
  async function scalesFromZero(endpoint: string) {
    await scaledEndpoint(endpoint);
    await admin(sim, 'POST', `/_sim/endpoints/${endpoint}/traffic`, { requestsPerMinute: 0 });
    const client = applicationAutoScaling(sim);
    const toZero = await client.send(
      new PutScalingPolicyCommand({
        ...target(endpoint),
        PolicyName: 'to-zero',
        PolicyType: 'StepScaling',
        StepScalingPolicyConfiguration: {
          AdjustmentType: 'ExactCapacity',
          StepAdjustments: [{ MetricIntervalUpperBound: 0, ScalingAdjustment: 0 }],
        },
      }),
    );
    const oneMore = await client.send(stepPolicy(endpoint, { ...ONE_MORE, Cooldown: 0 }));
    const cloudwatch = new CloudWatchClient({
      endpoint: sim.url,
      region: 'us-east-1',
      credentials: BASE_CREDENTIALS,
      maxAttempts: 1,
    });
    const alarm = (name: string, metricName: string, policyArn: string | undefined) =>
      cloudwatch.send(
        new PutMetricAlarmCommand({
          AlarmName: name,
          Namespace: 'AWS/SageMaker',
          MetricName: metricName,
          Dimensions: [{ Name: 'EndpointName', Value: endpoint }],
          Statistic: 'Average',
          Period: 60,
          EvaluationPeriods: 1,
          Threshold: 1,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
          AlarmActions: policyArn ? [policyArn] : [],
        }),
      );
    return { toZero: toZero.PolicyARN, oneMore: oneMore.PolicyARN, alarm, cloudwatch };
  }

  it('sets the variant’s instance count when an alarm naming the policy goes into ALARM, within its capacity and cooldown', async () => {
    const { toZero, oneMore, alarm } = await scalesFromZero('from-zero');
    await alarm('idle', 'HasBacklogWithoutCapacity', toZero);
    await alarm('backlog', 'HasBacklogWithoutCapacity', oneMore);
    expect(await desiredCount('from-zero')).toBe(1);

    await admin(sim, 'POST', '/_sim/alarms', { name: 'idle', state: 'ALARM' });
    expect(await desiredCount('from-zero')).toBe(0);
    for (const expected of [1, 2, 3, 3]) {
      await admin(sim, 'POST', '/_sim/alarms', { name: 'backlog', state: 'OK' });
      await admin(sim, 'POST', '/_sim/alarms', { name: 'backlog', state: 'ALARM' });
      // One more instance each time the alarm fires, up to the target's maximum of 3.
      expect(await desiredCount('from-zero')).toBe(expected);
    }
    // Staying in ALARM is not firing again.
    await admin(sim, 'POST', '/_sim/alarms', { name: 'backlog', state: 'ALARM' });
    expect(await desiredCount('from-zero')).toBe(3);
  });

  it('starts an asynchronous endpoint scaled to zero by itself once requests queue: HasBacklogWithoutCapacity trips the alarm', async () => {
    const { toZero, oneMore, alarm, cloudwatch } = await scalesFromZero('queued');
    // An idle alarm the test moves by hand, on a metric the traffic does not drive.
    await alarm('queued-idle', 'Idle', toZero);
    await alarm('queued-backlog', 'HasBacklogWithoutCapacity', oneMore);
    await admin(sim, 'POST', '/_sim/alarms', { name: 'queued-idle', state: 'ALARM' });
    expect(await desiredCount('queued')).toBe(0);

    await admin(sim, 'POST', '/_sim/endpoints/queued/traffic', { requestsPerMinute: 40 });
    await admin(sim, 'POST', '/_sim/clock', { advanceSeconds: 120 });
    expect(await desiredCount('queued')).toBe(1);
    const { MetricAlarms } = await cloudwatch.send(
      new DescribeAlarmsCommand({ AlarmNames: ['queued-backlog'] }),
    );
    // With an instance serving there is no backlog without capacity: the alarm is back to OK.
    expect(MetricAlarms?.[0]?.StateValue).toBe('OK');
  });
});

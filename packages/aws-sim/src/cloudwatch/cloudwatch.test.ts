import {
  CloudWatchClient,
  DeleteAlarmsCommand,
  DescribeAlarmsCommand,
  GetMetricDataCommand,
  type MetricDataQuery,
  PutMetricAlarmCommand,
} from '@aws-sdk/client-cloudwatch';
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
  BASE_CREDENTIALS,
  EXECUTION_ROLE_ARN,
  expectStatesInOrder,
  pollUntil,
  sageMaker,
} from '../testing/sim-clients';

let sim: AwsSim;
let cloudwatch: CloudWatchClient;

beforeAll(async () => {
  sim = await startAwsSim({ port: 0, timeScale: 0.01 });
  cloudwatch = new CloudWatchClient({
    endpoint: sim.url,
    region: 'us-east-1',
    credentials: BASE_CREDENTIALS,
    maxAttempts: 1,
  });
  const sm = sageMaker(sim);
  for (const version of ['v1', 'v2']) {
    await sm.send(
      new CreateModelCommand({
        ModelName: `churn-${version}`,
        ExecutionRoleArn: EXECUTION_ROLE_ARN,
        PrimaryContainer: { Image: 'repo/churn' },
      }),
    );
    await sm.send(
      new CreateEndpointConfigCommand({
        EndpointConfigName: `churn-${version}`,
        ProductionVariants: [
          {
            VariantName: 'AllTraffic',
            ModelName: `churn-${version}`,
            InitialInstanceCount: 2,
            InstanceType: 'ml.m5.large',
          },
        ],
      }),
    );
  }
  await sm.send(new CreateEndpointCommand({ EndpointName: 'churn-prod', EndpointConfigName: 'churn-v1' }));
  await pollUntil(
    async () => (await sm.send(new DescribeEndpointCommand({ EndpointName: 'churn-prod' }))).EndpointStatus,
    (status) => status === 'InService',
  );
});
afterAll(() => sim.close());

function endpointMetric(
  id: string,
  metricName: string,
  stat = 'Sum',
  namespace = 'AWS/SageMaker',
): MetricDataQuery {
  return {
    Id: id,
    MetricStat: {
      Metric: {
        Namespace: namespace,
        MetricName: metricName,
        Dimensions: [
          { Name: 'EndpointName', Value: 'churn-prod' },
          { Name: 'VariantName', Value: 'AllTraffic' },
        ],
      },
      Period: 60,
      Stat: stat,
    },
  };
}

async function latest(queries: MetricDataQuery[]) {
  const { MetricDataResults } = await cloudwatch.send(
    new GetMetricDataCommand({
      MetricDataQueries: queries,
      StartTime: new Date(Date.now() - 10 * 60_000),
      EndTime: new Date(Date.now() + 60_000),
    }),
  );
  return Object.fromEntries((MetricDataResults ?? []).map((result) => [result.Id, result]));
}

const alarm = (name: string) =>
  new PutMetricAlarmCommand({
    AlarmName: name,
    Namespace: 'AWS/SageMaker',
    MetricName: 'Invocation5XXErrors',
    Dimensions: [
      { Name: 'EndpointName', Value: 'churn-prod' },
      { Name: 'VariantName', Value: 'AllTraffic' },
    ],
    Statistic: 'Sum',
    Period: 60,
    EvaluationPeriods: 1,
    Threshold: 5,
    ComparisonOperator: 'GreaterThanThreshold',
  });

async function alarmState(name: string) {
  const { MetricAlarms } = await cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [name] }));
  return MetricAlarms?.[0]?.StateValue;
}

describe('cloudwatch', () => {
  it('serves endpoint metrics, the same on every read', async () => {
    const queries = [
      endpointMetric('invocations', 'Invocations'),
      endpointMetric('latency', 'ModelLatency', 'Average'),
      endpointMetric('errors', 'Invocation5XXErrors'),
      endpointMetric('cpu', 'CPUUtilization', 'Average', '/aws/sagemaker/Endpoints'),
      endpointMetric('memory', 'MemoryUtilization', 'Maximum', '/aws/sagemaker/Endpoints'),
    ];
    const first = await latest(queries);
    expect(first.invocations?.StatusCode).toBe('Complete');
    expect(first.invocations?.Timestamps?.[0]).toBeInstanceOf(Date);
    expect(first.invocations?.Values?.[0]).toBeGreaterThanOrEqual(54);
    expect(first.invocations?.Values?.[0]).toBeLessThanOrEqual(66);
    // ModelLatency is in microseconds, as SageMaker reports it.
    expect(first.latency?.Values?.[0]).toBeGreaterThan(30_000);
    expect(first.errors?.Values?.[0]).toBe(0);
    expect(first.cpu?.Values?.[0]).toBeGreaterThan(0);
    expect(first.memory?.Values?.[0]).toBeGreaterThan(30);
    const second = await latest(queries);
    // Compared by timestamp: a minute may have started between the two reads.
    const stamp = first.invocations?.Timestamps?.[0]?.getTime();
    const index =
      second.invocations?.Timestamps?.findIndex((timestamp: Date) => timestamp.getTime() === stamp) ?? -1;
    expect(second.invocations?.Values?.[index]).toBe(first.invocations?.Values?.[0]);
  });

  it('follows traffic and drift set through the admin API', async () => {
    const set = await admin(sim, 'POST', '/_sim/endpoints/churn-prod/traffic', {
      requestsPerMinute: 600,
      drift: 0.4,
    });
    expect(set.body).toMatchObject({
      endpointName: 'churn-prod',
      traffic: { requestsPerMinute: 600, drift: 0.4 },
    });
    const results = await latest([
      endpointMetric('invocations', 'Invocations'),
      {
        Id: 'drift',
        MetricStat: {
          Metric: {
            Namespace: 'aws/sagemaker/Endpoints/data-metrics',
            MetricName: 'feature_baseline_drift_tenure',
            Dimensions: [
              { Name: 'Endpoint', Value: 'churn-prod' },
              { Name: 'MonitoringSchedule', Value: 'churn-prod-data' },
            ],
          },
          Period: 60,
          Stat: 'Maximum',
        },
      },
    ]);
    expect(results.invocations?.Values?.[0]).toBeGreaterThan(500);
    expect(results.drift?.Values?.[0]).toBeGreaterThan(0.3);
    const refused = await admin(sim, 'POST', '/_sim/endpoints/churn-prod/traffic', { errorRate: 2 });
    expect(refused).toEqual({ status: 400, body: { error: 'errorRate must be a number from 0 to 1' } });
    await admin(sim, 'POST', '/_sim/endpoints/churn-prod/traffic', { requestsPerMinute: 60, drift: 0.05 });
  });

  it('evaluates a metric alarm from the errors and rolls back an update it guards', async () => {
    await cloudwatch.send(alarm('churn-prod-5xx'));
    expect(await alarmState('churn-prod-5xx')).toBe('OK');

    const sm = sageMaker(sim);
    await sm.send(
      new UpdateEndpointCommand({
        EndpointName: 'churn-prod',
        EndpointConfigName: 'churn-v2',
        DeploymentConfig: {
          BlueGreenUpdatePolicy: {
            TrafficRoutingConfiguration: {
              Type: 'CANARY',
              CanarySize: { Type: 'INSTANCE_COUNT', Value: 1 },
              WaitIntervalInSeconds: 300,
            },
          },
          AutoRollbackConfiguration: { Alarms: [{ AlarmName: 'churn-prod-5xx' }] },
        },
      }),
    );
    await admin(sim, 'POST', '/_sim/endpoints/churn-prod/traffic', { errorRate: 0.5 });
    expect(await alarmState('churn-prod-5xx')).toBe('ALARM');
    const { seen } = await pollUntil(
      async () => (await sm.send(new DescribeEndpointCommand({ EndpointName: 'churn-prod' }))).EndpointStatus,
      (status) => status === 'InService',
    );
    expectStatesInOrder(seen, ['Updating', 'RollingBack', 'InService']);
    expect(
      (await sm.send(new DescribeEndpointCommand({ EndpointName: 'churn-prod' }))).EndpointConfigName,
    ).toBe('churn-v1');
    await admin(sim, 'POST', '/_sim/endpoints/churn-prod/traffic', { errorRate: 0 });
  });

  it('lets the admin API hold an alarm state until the override is cleared', async () => {
    await cloudwatch.send(alarm('held'));
    await admin(sim, 'POST', '/_sim/alarms', { name: 'held', state: 'ALARM' });
    expect(await alarmState('held')).toBe('ALARM');
    await admin(sim, 'DELETE', '/_sim/alarms');
    expect(await alarmState('held')).toBe('OK');
  });

  it('deletes alarms all or nothing: a name that does not exist is ResourceNotFound', async () => {
    await cloudwatch.send(alarm('gone-5xx'));
    await admin(sim, 'POST', '/_sim/alarms', { name: 'gone-5xx', state: 'ALARM' });
    await expect(
      cloudwatch.send(new DeleteAlarmsCommand({ AlarmNames: ['gone-5xx', 'never-made'] })),
    ).rejects.toMatchObject({ Code: 'ResourceNotFound' });
    expect(await alarmState('gone-5xx')).toBe('ALARM');
    await cloudwatch.send(new DeleteAlarmsCommand({ AlarmNames: ['gone-5xx'] }));
    expect(await alarmState('gone-5xx')).toBeUndefined();
    const { body } = await admin(sim, 'GET', '/_sim/alarms');
    expect((body as { alarms: { name: string }[] }).alarms.map((entry) => entry.name)).not.toContain(
      'gone-5xx',
    );
  });

  it('validates PutMetricAlarm and answers with query-compatible error codes', async () => {
    const error = await cloudwatch
      .send(
        new PutMetricAlarmCommand({
          AlarmName: 'bad',
          Namespace: 'AWS/SageMaker',
          MetricName: 'Invocations',
          Statistic: 'Sum',
          Period: 45,
          EvaluationPeriods: 1,
          Threshold: 1,
          ComparisonOperator: 'Sideways' as never,
        }),
      )
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      name: 'ValidationException',
      Code: 'ValidationError',
      $metadata: { httpStatusCode: 400 },
    });
    expect((error as Error).message).toMatch(
      /^2 validation errors detected: .*'comparisonOperator'.*'period'/,
    );
  });

  it('throttles like CloudWatch when a fault is injected', async () => {
    await admin(sim, 'POST', '/_sim/faults', { service: 'monitoring', throttlePercent: 100 });
    const error = await cloudwatch.send(new DescribeAlarmsCommand({})).catch((caught: unknown) => caught);
    await admin(sim, 'DELETE', '/_sim/faults');
    expect(error).toMatchObject({ Code: 'Throttling', $metadata: { httpStatusCode: 400 } });
  });
});

import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  ListTagsForResourceCommand,
  type MetricDataQuery,
  PutMetricAlarmCommand,
} from '@aws-sdk/client-cloudwatch';
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  DescribeEndpointCommand,
} from '@aws-sdk/client-sagemaker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AwsSim, startAwsSim } from '../server';
import { admin, BASE_CREDENTIALS, EXECUTION_ROLE_ARN, pollUntil, sageMaker } from '../testing/sim-clients';
import { evaluateExpression, parseExpression } from './metric-math';

describe('metric math expressions', () => {
  it.each<{ source: string; values: Record<string, number>; expected: number | undefined }>([
    { source: '100 * errors / invocations', values: { errors: 3, invocations: 60 }, expected: 5 },
    { source: '(a + b) * 2', values: { a: 1, b: 2 }, expected: 6 },
    { source: 'a + b * 2', values: { a: 1, b: 2 }, expected: 5 },
    { source: 'a - -b', values: { a: 1, b: 2 }, expected: 3 },
    { source: '1.5e2 / m1', values: { m1: 3 }, expected: 50 },
    { source: 'errors / invocations', values: { errors: 3, invocations: 0 }, expected: undefined },
    { source: 'errors / invocations', values: { errors: 3 }, expected: undefined },
  ])('$source over $values is $expected', ({ source, values, expected }) => {
    expect(evaluateExpression(parseExpression(source), values)).toBe(expected);
  });

  it.each([
    ['', /empty/],
    ['(a + b', /not closed/],
    ['a +', /ends too early/],
    ['a b', /unexpected 'b'/],
    ['Errors', /unexpected character/],
    ['process.exit()', /unexpected character/],
  ])('refuses %j', (source, message) => {
    expect(() => parseExpression(source)).toThrow(message);
  });
});

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
  await sm.send(
    new CreateModelCommand({
      ModelName: 'fraud-v1',
      ExecutionRoleArn: EXECUTION_ROLE_ARN,
      PrimaryContainer: { Image: 'repo/fraud' },
    }),
  );
  await sm.send(
    new CreateEndpointConfigCommand({
      EndpointConfigName: 'fraud-v1',
      ProductionVariants: [
        {
          VariantName: 'AllTraffic',
          ModelName: 'fraud-v1',
          InitialInstanceCount: 1,
          InstanceType: 'ml.m5.large',
        },
      ],
    }),
  );
  await sm.send(new CreateEndpointCommand({ EndpointName: 'fraud-prod', EndpointConfigName: 'fraud-v1' }));
  await pollUntil(
    async () => (await sm.send(new DescribeEndpointCommand({ EndpointName: 'fraud-prod' }))).EndpointStatus,
    (status) => status === 'InService',
  );
});
afterAll(() => sim.close());

const stat = (id: string, metricName: string, returnData = false): MetricDataQuery => ({
  Id: id,
  ReturnData: returnData,
  MetricStat: {
    Metric: {
      Namespace: 'AWS/SageMaker',
      MetricName: metricName,
      Dimensions: [
        { Name: 'EndpointName', Value: 'fraud-prod' },
        { Name: 'VariantName', Value: 'AllTraffic' },
      ],
    },
    Period: 60,
    Stat: 'Sum',
  },
});

const errorRateAlarm = (name: string, metrics: MetricDataQuery[]) =>
  new PutMetricAlarmCommand({
    AlarmName: name,
    Metrics: metrics,
    EvaluationPeriods: 1,
    Threshold: 1,
    ComparisonOperator: 'GreaterThanThreshold',
    TreatMissingData: 'notBreaching',
  });

const rateQueries = (): MetricDataQuery[] => [
  stat('errors', 'Invocation5XXErrors'),
  stat('invocations', 'Invocations'),
  { Id: 'rate', Expression: '100 * errors / invocations', Label: '5xx rate', ReturnData: true },
];

async function describe1(name: string) {
  const { MetricAlarms } = await cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [name] }));
  return MetricAlarms?.[0];
}

describe('metric-math alarms', () => {
  it('alarms on an expression over MetricStat queries and describes it with its Metrics', async () => {
    await cloudwatch.send(errorRateAlarm('fraud-5xx-rate', rateQueries()));
    const described = await describe1('fraud-5xx-rate');
    expect(described?.StateValue).toBe('OK');
    expect(described?.MetricName).toBeUndefined();
    expect(described?.Metrics?.map((metric) => metric.Id)).toEqual(['errors', 'invocations', 'rate']);
    expect(described?.Metrics?.[2]?.Expression).toBe('100 * errors / invocations');

    await admin(sim, 'POST', '/_sim/endpoints/fraud-prod/traffic', { errorRate: 0.5 });
    expect((await describe1('fraud-5xx-rate'))?.StateValue).toBe('ALARM');
    await admin(sim, 'POST', '/_sim/endpoints/fraud-prod/traffic', { errorRate: 0 });
    expect((await describe1('fraud-5xx-rate'))?.StateValue).toBe('OK');
  });

  it('has no datapoint where the expression divides by zero', async () => {
    await admin(sim, 'POST', '/_sim/endpoints/fraud-prod/traffic', { requestsPerMinute: 0 });
    await cloudwatch.send(
      new PutMetricAlarmCommand({
        AlarmName: 'fraud-5xx-rate-missing',
        Metrics: rateQueries(),
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanThreshold',
      }),
    );
    expect((await describe1('fraud-5xx-rate-missing'))?.StateValue).toBe('INSUFFICIENT_DATA');
    await admin(sim, 'POST', '/_sim/endpoints/fraud-prod/traffic', { requestsPerMinute: 60 });
  });

  it.each([
    {
      name: 'Metrics together with MetricName',
      input: { MetricName: 'Invocations', Namespace: 'AWS/SageMaker', Metrics: rateQueries() },
      message: /Metrics cannot be specified together with MetricName, Namespace/,
    },
    {
      name: 'two results',
      input: { Metrics: [stat('errors', 'Invocation5XXErrors', true), ...rateQueries().slice(1)] },
      message: /Exactly one element of the Metrics list should return data \(found 2\)/,
    },
    {
      name: 'no result',
      input: { Metrics: [stat('errors', 'Invocation5XXErrors'), stat('invocations', 'Invocations')] },
      message: /found 0/,
    },
    {
      name: 'an id that starts uppercase',
      input: { Metrics: [stat('Errors', 'Invocation5XXErrors', true)] },
      message: /'metrics.1.member.id'.*pattern/,
    },
    {
      name: 'an expression over an unknown id',
      input: {
        Metrics: [stat('errors', 'Invocation5XXErrors'), { Id: 'rate', Expression: 'errors / calls' }],
      },
      message: /refers to calls/,
    },
    {
      name: 'an expression that does not parse',
      input: { Metrics: [stat('errors', 'Invocation5XXErrors'), { Id: 'rate', Expression: 'errors; drop' }] },
      message: /Invalid metrics math expression/,
    },
  ])('refuses $name', async ({ input, message }) => {
    const error = await cloudwatch
      .send(
        new PutMetricAlarmCommand({
          AlarmName: 'bad-math',
          EvaluationPeriods: 1,
          Threshold: 1,
          ComparisonOperator: 'GreaterThanThreshold',
          ...input,
        }),
      )
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'ValidationException', Code: 'ValidationError' });
    expect((error as Error).message).toMatch(message);
  });

  it('alarms on a single MetricStat returned from Metrics', async () => {
    await cloudwatch.send(
      new PutMetricAlarmCommand({
        AlarmName: 'fraud-invocations',
        Metrics: [stat('invocations', 'Invocations', true)],
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanThreshold',
      }),
    );
    expect((await describe1('fraud-invocations'))?.StateValue).toBe('ALARM');
  });

  it('lists the tags of an alarm by its ARN', async () => {
    await cloudwatch.send(
      new PutMetricAlarmCommand({
        AlarmName: 'fraud-tagged',
        Metrics: rateQueries(),
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanThreshold',
        Tags: [{ Key: 'cairn:deployment', Value: 'd-1' }],
      }),
    );
    const arn = (await describe1('fraud-tagged'))?.AlarmArn;
    const { Tags } = await cloudwatch.send(new ListTagsForResourceCommand({ ResourceARN: arn }));
    expect(Tags).toEqual([{ Key: 'cairn:deployment', Value: 'd-1' }]);
    await expect(
      cloudwatch.send(new ListTagsForResourceCommand({ ResourceARN: `${arn}-gone` })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});

import {
  type CloudWatchClient,
  type ComparisonOperator,
  DeleteAlarmsCommand,
  DescribeAlarmsCommand,
  GetMetricDataCommand,
  ListTagsForResourceCommand,
  type MetricAlarm,
  type MetricDataQuery,
  PutMetricAlarmCommand,
  type StateValue,
  type Statistic,
} from '@aws-sdk/client-cloudwatch';
import { awsResourceName } from '@cairn/core/aws-names';
import { type AdapterContext, toAwsTags } from './adapter-support';

type CloudWatch = AdapterContext<CloudWatchClient>;

export interface MetricQuery {
  /** Must start with a lowercase letter (CloudWatch's rule for query ids). */
  id: string;
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
  /** Average, Sum, Maximum, p99, ... */
  stat: string;
  periodSeconds: number;
}

export interface MetricSeries {
  id: string;
  label: string | null;
  points: { at: Date; value: number }[];
}

// GetMetricData pages by NextToken; a runaway loop would be a bug, not a big answer.
const MAX_PAGES = 50;

function toQuery(query: MetricQuery): MetricDataQuery {
  return {
    Id: query.id,
    ReturnData: true,
    MetricStat: {
      Metric: {
        Namespace: query.namespace,
        MetricName: query.metricName,
        Dimensions: Object.entries(query.dimensions).map(([Name, Value]) => ({ Name, Value })),
      },
      Period: query.periodSeconds,
      Stat: query.stat,
    },
  };
}

/** GetMetricData for several series over a window, all pages, points oldest first. */
export async function getMetricData(
  ctx: CloudWatch,
  input: { queries: MetricQuery[]; start: Date; end: Date; resourceId?: string },
): Promise<MetricSeries[]> {
  const series = new Map<string, MetricSeries>(
    input.queries.map((query) => [query.id, { id: query.id, label: null, points: [] }]),
  );
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const output = await ctx.call(
      {
        service: 'cloudwatch',
        operation: 'GetMetricData',
        resourceType: 'cloudwatch:metrics',
        resourceId: input.resourceId ?? null,
      },
      () =>
        ctx.client.send(
          new GetMetricDataCommand({
            MetricDataQueries: input.queries.map(toQuery),
            StartTime: input.start,
            EndTime: input.end,
            ScanBy: 'TimestampAscending',
            NextToken: nextToken,
          }),
        ),
    );
    for (const result of output.MetricDataResults ?? []) {
      const entry = result.Id ? series.get(result.Id) : undefined;
      if (!entry) continue;
      entry.label ??= result.Label ?? null;
      const timestamps = result.Timestamps ?? [];
      const values = result.Values ?? [];
      timestamps.forEach((at, index) => {
        const value = values[index];
        if (value !== undefined) entry.points.push({ at, value });
      });
    }
    nextToken = output.NextToken;
    if (!nextToken) break;
  }
  for (const entry of series.values()) entry.points.sort((a, b) => a.at.getTime() - b.at.getTime());
  return [...series.values()];
}

interface AlarmMetric {
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
}

/** Metric math: MetricStat queries and one expression over their ids, the value alarmed on. */
export interface AlarmMetricMath {
  queries: (AlarmMetric & { id: string; stat: string })[];
  expression: { id: string; expression: string; label?: string };
}

interface AlarmCommon {
  /** The alert rule's (or deployment guardrail's) domain id: the alarm is `cairn-alarm-<id>`. */
  alarmId: string;
  description?: string;
  periodSeconds: number;
  evaluationPeriods: number;
  datapointsToAlarm?: number;
  threshold: number;
  comparison: ComparisonOperator;
  treatMissingData?: 'breaching' | 'notBreaching' | 'ignore' | 'missing';
  /** ARNs notified on entering ALARM (an Application Auto Scaling step policy, say). */
  alarmActions?: string[];
  tags?: Record<string, string>;
}

export interface MetricAlarmInput extends AlarmCommon, AlarmMetric {
  /** Exactly one of statistic and extendedStatistic (a percentile such as 'p99'). */
  statistic?: Statistic;
  extendedStatistic?: string;
}

export interface MathAlarmInput extends AlarmCommon {
  math: AlarmMetricMath;
}

const toDimensions = (dimensions: Record<string, string>) =>
  Object.entries(dimensions).map(([Name, Value]) => ({ Name, Value }));

function subjectOf(input: MetricAlarmInput | MathAlarmInput) {
  if ('math' in input) {
    const { queries, expression } = input.math;
    const metrics: MetricDataQuery[] = [
      ...queries.map((query) => ({
        Id: query.id,
        ReturnData: false,
        MetricStat: {
          Metric: {
            Namespace: query.namespace,
            MetricName: query.metricName,
            Dimensions: toDimensions(query.dimensions),
          },
          Period: input.periodSeconds,
          Stat: query.stat,
        },
      })),
      { Id: expression.id, Expression: expression.expression, Label: expression.label, ReturnData: true },
    ];
    return { Metrics: metrics };
  }
  return {
    Namespace: input.namespace,
    MetricName: input.metricName,
    Dimensions: toDimensions(input.dimensions),
    Statistic: input.statistic,
    ExtendedStatistic: input.extendedStatistic,
    Period: input.periodSeconds,
  };
}

/** PutMetricAlarm (one metric or metric math); it creates or replaces by name, so a retry is idempotent. */
export async function putMetricAlarm(ctx: CloudWatch, input: MetricAlarmInput | MathAlarmInput) {
  const alarmName = awsResourceName('alarm', input.alarmId);
  await ctx.call(
    {
      service: 'cloudwatch',
      operation: 'PutMetricAlarm',
      resourceType: 'cloudwatch:alarm',
      resourceId: alarmName,
    },
    () =>
      ctx.client.send(
        new PutMetricAlarmCommand({
          AlarmName: alarmName,
          AlarmDescription: input.description,
          ...subjectOf(input),
          EvaluationPeriods: input.evaluationPeriods,
          DatapointsToAlarm: input.datapointsToAlarm,
          Threshold: input.threshold,
          ComparisonOperator: input.comparison,
          TreatMissingData: input.treatMissingData,
          AlarmActions: input.alarmActions,
          Tags: toAwsTags(input.tags),
        }),
      ),
  );
  return { alarmName };
}

// DescribeAlarms and DeleteAlarms take at most 100 names a call.
const MAX_ALARMS_PER_CALL = 100;

/**
 * Deletes the named alarms that exist. CloudWatch refuses the whole call if any name is unknown,
 * so the existing ones are looked up first; a retry after a partial run deletes what is left.
 */
export async function deleteAlarms(ctx: CloudWatch, alarmNames: string[]): Promise<{ deleted: string[] }> {
  if (alarmNames.length > MAX_ALARMS_PER_CALL) {
    const deleted: string[] = [];
    for (let start = 0; start < alarmNames.length; start += MAX_ALARMS_PER_CALL) {
      const chunk = await deleteAlarms(ctx, alarmNames.slice(start, start + MAX_ALARMS_PER_CALL));
      deleted.push(...chunk.deleted);
    }
    return { deleted };
  }
  const existing = (await describeAlarms(ctx, alarmNames)).map((alarm) => alarm.alarmName);
  if (existing.length === 0) return { deleted: [] as string[] };
  await ctx.call(
    {
      service: 'cloudwatch',
      operation: 'DeleteAlarms',
      resourceType: 'cloudwatch:alarm',
      resourceId: existing.join(','),
    },
    () => ctx.client.send(new DeleteAlarmsCommand({ AlarmNames: existing })),
  );
  return { deleted: existing };
}

export interface AlarmState {
  alarmName: string;
  alarmArn: string | null;
  state: StateValue | null;
  stateReason: string | null;
  stateUpdatedAt: Date | null;
}

/** DescribeAlarms by name (metric alarms only); names that do not exist are simply absent. */
export async function describeAlarms(ctx: CloudWatch, alarmNames: string[]): Promise<AlarmState[]> {
  if (alarmNames.length === 0) return [];
  const output = await ctx.call(
    {
      service: 'cloudwatch',
      operation: 'DescribeAlarms',
      resourceType: 'cloudwatch:alarm',
      resourceId: alarmNames.join(','),
    },
    () => ctx.client.send(new DescribeAlarmsCommand({ AlarmNames: alarmNames, AlarmTypes: ['MetricAlarm'] })),
  );
  return (output.MetricAlarms ?? []).map((alarm) => ({
    alarmName: alarm.AlarmName ?? '',
    alarmArn: alarm.AlarmArn ?? null,
    state: alarm.StateValue ?? null,
    stateReason: alarm.StateReason ?? null,
    stateUpdatedAt: alarm.StateUpdatedTimestamp ?? null,
  }));
}

export interface AlarmOnEndpoint {
  alarmName: string;
  alarmArn: string;
  state: StateValue | null;
}

function endpointOf(alarm: MetricAlarm): string[] {
  const dimensions = [
    ...(alarm.Dimensions ?? []),
    ...(alarm.Metrics ?? []).flatMap((metric) => metric.MetricStat?.Metric?.Dimensions ?? []),
  ];
  return dimensions
    .filter((dimension) => dimension.Name === 'EndpointName' || dimension.Name === 'Endpoint')
    .map((dimension) => dimension.Value ?? '');
}

/** The metric alarms named with a prefix that watch an endpoint (by EndpointName or Endpoint dimension). */
export async function listEndpointAlarms(
  ctx: CloudWatch,
  input: { alarmNamePrefix: string; endpointName: string },
): Promise<AlarmOnEndpoint[]> {
  const found: AlarmOnEndpoint[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const output = await ctx.call(
      {
        service: 'cloudwatch',
        operation: 'DescribeAlarms',
        resourceType: 'cloudwatch:alarm',
        resourceId: `${input.alarmNamePrefix}*`,
      },
      () =>
        ctx.client.send(
          new DescribeAlarmsCommand({
            AlarmNamePrefix: input.alarmNamePrefix,
            AlarmTypes: ['MetricAlarm'],
            NextToken: nextToken,
          }),
        ),
    );
    for (const alarm of output.MetricAlarms ?? []) {
      if (alarm.AlarmName && alarm.AlarmArn && endpointOf(alarm).includes(input.endpointName)) {
        found.push({ alarmName: alarm.AlarmName, alarmArn: alarm.AlarmArn, state: alarm.StateValue ?? null });
      }
    }
    nextToken = output.NextToken;
    if (!nextToken) break;
  }
  return found;
}

/** An alarm's tags by its ARN. */
export async function alarmTags(ctx: CloudWatch, alarmArn: string): Promise<Record<string, string>> {
  const output = await ctx.call(
    {
      service: 'cloudwatch',
      operation: 'ListTagsForResource',
      resourceType: 'cloudwatch:alarm',
      resourceId: alarmArn,
    },
    () => ctx.client.send(new ListTagsForResourceCommand({ ResourceARN: alarmArn })),
  );
  return Object.fromEntries((output.Tags ?? []).map((tag) => [tag.Key ?? '', tag.Value ?? '']));
}

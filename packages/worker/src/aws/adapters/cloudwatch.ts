import {
  type CloudWatchClient,
  type ComparisonOperator,
  DeleteAlarmsCommand,
  DescribeAlarmsCommand,
  GetMetricDataCommand,
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

export interface MetricAlarmInput {
  /** The alert rule's (or deployment guardrail's) domain id: the alarm is `cairn-alarm-<id>`. */
  alarmId: string;
  description?: string;
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
  /** Exactly one of statistic and extendedStatistic (a percentile such as 'p99'). */
  statistic?: Statistic;
  extendedStatistic?: string;
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

/** PutMetricAlarm; it creates or replaces by name, so a retry is naturally idempotent. */
export async function putMetricAlarm(ctx: CloudWatch, input: MetricAlarmInput) {
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
          Namespace: input.namespace,
          MetricName: input.metricName,
          Dimensions: Object.entries(input.dimensions).map(([Name, Value]) => ({ Name, Value })),
          Statistic: input.statistic,
          ExtendedStatistic: input.extendedStatistic,
          Period: input.periodSeconds,
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

/**
 * Deletes the named alarms that exist. CloudWatch refuses the whole call if any name is unknown,
 * so the existing ones are looked up first; a retry after a partial run deletes what is left.
 */
export async function deleteAlarms(ctx: CloudWatch, alarmNames: string[]) {
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

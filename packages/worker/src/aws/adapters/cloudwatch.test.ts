import {
  type CloudWatchClient,
  DescribeAlarmsCommand,
  GetMetricDataCommand,
  type PutMetricAlarmCommand,
} from '@aws-sdk/client-cloudwatch';
import { describe, expect, it } from 'vitest';
import type { AwsCaller, AwsCallTarget } from '../audited-call';
import { describeAlarms, getMetricData, putMetricAlarm } from './cloudwatch';

// A client answering from a script, so paging and mapping are pinned exactly (sim-behaviour.test.ts
// covers the same adapters against aws-sim).
function scriptedClient(answer: (command: unknown) => unknown) {
  const sent: unknown[] = [];
  const client = {
    send: async (command: unknown) => {
      sent.push(command);
      return { $metadata: { requestId: `req-${sent.length}` }, ...(answer(command) as object) };
    },
  } as unknown as CloudWatchClient;
  return { client, sent };
}

function recordingCaller() {
  const calls: AwsCallTarget[] = [];
  const call: AwsCaller = (target, send) => {
    calls.push(target);
    return send();
  };
  return { call, calls };
}

const endpointDimensions = { EndpointName: 'cairn-ep-1', VariantName: 'primary' };

describe('cloudwatch adapters', () => {
  it('reads every page of GetMetricData into one series per query, oldest first', async () => {
    const t = (minute: number) => new Date(Date.UTC(2026, 10, 25, 12, minute));
    const { client, sent } = scriptedClient((command) => {
      const input = (command as GetMetricDataCommand).input;
      return input.NextToken
        ? { MetricDataResults: [{ Id: 'latency', Label: 'ModelLatency', Timestamps: [t(2)], Values: [120] }] }
        : {
            NextToken: 'page-2',
            MetricDataResults: [
              { Id: 'latency', Label: 'ModelLatency', Timestamps: [t(1), t(0)], Values: [110, 100] },
              { Id: 'errors', Label: 'Invocation5XXErrors', Timestamps: [t(0)], Values: [0] },
            ],
          };
    });
    const { call, calls } = recordingCaller();
    const series = await getMetricData(
      { client, call },
      {
        queries: [
          {
            id: 'latency',
            namespace: 'AWS/SageMaker',
            metricName: 'ModelLatency',
            dimensions: endpointDimensions,
            stat: 'p99',
            periodSeconds: 60,
          },
          {
            id: 'errors',
            namespace: 'AWS/SageMaker',
            metricName: 'Invocation5XXErrors',
            dimensions: endpointDimensions,
            stat: 'Sum',
            periodSeconds: 60,
          },
        ],
        start: t(0),
        end: t(5),
        resourceId: 'cairn-ep-1',
      },
    );
    expect(series).toEqual([
      {
        id: 'latency',
        label: 'ModelLatency',
        points: [
          { at: t(0), value: 100 },
          { at: t(1), value: 110 },
          { at: t(2), value: 120 },
        ],
      },
      { id: 'errors', label: 'Invocation5XXErrors', points: [{ at: t(0), value: 0 }] },
    ]);
    expect(sent).toHaveLength(2);
    expect(sent[0]).toBeInstanceOf(GetMetricDataCommand);
    const [firstQuery] = (sent[0] as GetMetricDataCommand).input.MetricDataQueries ?? [];
    expect(firstQuery?.MetricStat).toEqual({
      Metric: {
        Namespace: 'AWS/SageMaker',
        MetricName: 'ModelLatency',
        Dimensions: [
          { Name: 'EndpointName', Value: 'cairn-ep-1' },
          { Name: 'VariantName', Value: 'primary' },
        ],
      },
      Period: 60,
      Stat: 'p99',
    });
    expect(calls.map((c) => c.operation)).toEqual(['GetMetricData', 'GetMetricData']);
  });

  it('puts an alarm under the name derived from its rule id and reads alarm states back', async () => {
    const alarmId = '0193a5b2-7c1d-7e2f-8a3b-4c5d6e7f8091';
    const { client, sent } = scriptedClient((command) =>
      command instanceof DescribeAlarmsCommand
        ? {
            MetricAlarms: [
              {
                AlarmName: 'cairn-alarm-0193a5b27c1d7e2f8a3b4c5d6e7f8091',
                StateValue: 'ALARM',
                StateReason: 'Threshold Crossed',
              },
            ],
          }
        : {},
    );
    const { call } = recordingCaller();
    const { alarmName } = await putMetricAlarm(
      { client, call },
      {
        alarmId,
        namespace: 'AWS/SageMaker',
        metricName: 'Invocation5XXErrors',
        dimensions: endpointDimensions,
        statistic: 'Sum',
        periodSeconds: 60,
        evaluationPeriods: 3,
        threshold: 5,
        comparison: 'GreaterThanThreshold',
        treatMissingData: 'notBreaching',
      },
    );
    expect(alarmName).toBe('cairn-alarm-0193a5b27c1d7e2f8a3b4c5d6e7f8091');
    expect((sent[0] as PutMetricAlarmCommand).input).toMatchObject({
      AlarmName: alarmName,
      Statistic: 'Sum',
      Threshold: 5,
      ComparisonOperator: 'GreaterThanThreshold',
    });
    await expect(describeAlarms({ client, call }, [alarmName])).resolves.toEqual([
      { alarmName, alarmArn: null, state: 'ALARM', stateReason: 'Threshold Crossed', stateUpdatedAt: null },
    ]);
    await expect(describeAlarms({ client, call }, [])).resolves.toEqual([]);
    expect(sent).toHaveLength(2);
  });
});

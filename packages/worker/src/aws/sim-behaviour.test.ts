import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { describeAlarms, getMetricData, putMetricAlarm } from './adapters/cloudwatch';
import {
  createEndpoint,
  createEndpointConfig,
  createModel,
  describeEndpoint,
  updateEndpoint,
} from './adapters/sagemaker-endpoints';
import { classifyAwsError } from './aws-errors';
import {
  EXECUTION_ROLE_ARN,
  IMAGE,
  type SimTeam,
  startSimTeam,
  TEAM_ROLE_ARN,
  waitFor,
} from './testing/sim-team';

// What the job runner relies on, checked against aws-sim's real error shapes and state machine
// rather than hand-built exceptions: faults classify as AWS's would, guardrail alarms roll back.

let team: SimTeam;
beforeAll(async () => {
  team = await startSimTeam();
});
afterAll(() => team.close());
afterEach(async () => {
  await admin('DELETE', '/_sim/faults');
  await admin('DELETE', '/_sim/alarms');
});

async function admin(method: string, path: string, body?: unknown) {
  const response = await fetch(`${team.sim.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`aws-sim admin ${method} ${path}: ${await response.text()}`);
}

const sagemaker = () => ({ client: team.clients.sagemaker, call: team.call });
const cloudwatch = () => ({ client: team.clients.cloudwatch, call: team.call });

async function config() {
  const model = await createModel(sagemaker(), {
    modelId: crypto.randomUUID(),
    image: IMAGE,
    executionRoleArn: EXECUTION_ROLE_ARN,
  });
  return createEndpointConfig(sagemaker(), {
    endpointConfigId: crypto.randomUUID(),
    modelName: model.modelName,
    capacity: { kind: 'instances', instanceType: 'ml.m5.large', instanceCount: 2 },
  });
}

async function liveEndpoint() {
  const v1 = await config();
  const endpoint = await createEndpoint(sagemaker(), {
    deploymentId: crypto.randomUUID(),
    endpointConfigName: v1.endpointConfigName,
  });
  await waitFor(
    () => describeEndpoint(sagemaker(), endpoint.endpointName),
    (state) => state?.status === 'InService',
  );
  return { ...endpoint, v1 };
}

const failureOf = (promise: Promise<unknown>) => promise.then(() => undefined, classifyAwsError);

describe('aws-sim faults through the adapters', () => {
  it('classifies injected throttling and 5xx as retryable, and a denied role as permanent', async () => {
    const name = `cairn-ep-${crypto.randomUUID().replaceAll('-', '')}`;
    const describeIt = () => failureOf(describeEndpoint(sagemaker(), name));

    await admin('POST', '/_sim/faults', {
      service: 'sagemaker',
      operation: 'DescribeEndpoint',
      throttlePercent: 100,
    });
    await expect(describeIt()).resolves.toMatchObject({ kind: 'retryable', code: 'ThrottlingException' });

    await admin('DELETE', '/_sim/faults');
    await admin('POST', '/_sim/faults', {
      service: 'sagemaker',
      operation: 'DescribeEndpoint',
      errorPercent: 100,
    });
    const serverError = await describeIt();
    expect(serverError?.kind).toBe('retryable');
    expect(serverError?.httpStatus).toBeGreaterThanOrEqual(500);

    await admin('DELETE', '/_sim/faults');
    await admin('POST', '/_sim/faults', { denyRoleArn: TEAM_ROLE_ARN });
    await expect(describeIt()).resolves.toMatchObject({ kind: 'permanent', code: 'AccessDeniedException' });
  });
});

describe('cloudwatch adapters against aws-sim', () => {
  it('puts an alarm on an endpoint metric, reads it back and reads the metric series', async () => {
    const endpoint = await liveEndpoint();
    const dimensions = { EndpointName: endpoint.endpointName, VariantName: 'primary' };
    const { alarmName } = await putMetricAlarm(cloudwatch(), {
      alarmId: crypto.randomUUID(),
      namespace: 'AWS/SageMaker',
      metricName: 'Invocation5XXErrors',
      dimensions,
      statistic: 'Sum',
      periodSeconds: 60,
      evaluationPeriods: 1,
      threshold: 5,
      comparison: 'GreaterThanThreshold',
      treatMissingData: 'notBreaching',
    });
    const [alarm] = await describeAlarms(cloudwatch(), [alarmName]);
    expect(alarm?.alarmName).toBe(alarmName);
    expect(['OK', 'INSUFFICIENT_DATA', 'ALARM']).toContain(alarm?.state);

    const end = new Date();
    const [series] = await getMetricData(cloudwatch(), {
      queries: [
        {
          id: 'invocations',
          namespace: 'AWS/SageMaker',
          metricName: 'Invocations',
          dimensions,
          stat: 'Sum',
          periodSeconds: 60,
        },
      ],
      start: new Date(end.getTime() - 3_600_000),
      end,
    });
    expect(series?.id).toBe('invocations');
    const times = series?.points.map((point) => point.at.getTime()) ?? [];
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('rolls a canary update back when its guardrail alarm goes into ALARM', async () => {
    const endpoint = await liveEndpoint();
    const v2 = await config();
    const alarmName = `cairn-alarm-${crypto.randomUUID().replaceAll('-', '')}`;
    await admin('POST', '/_sim/alarms', { name: alarmName, state: 'ALARM' });
    await updateEndpoint(sagemaker(), {
      endpointName: endpoint.endpointName,
      endpointConfigName: v2.endpointConfigName,
      guardrails: {
        shift: { kind: 'canary', canaryPercent: 20 },
        waitSeconds: 300,
        rollbackAlarmNames: [alarmName],
      },
    });
    const seen = new Set<string>();
    const settled = await waitFor(
      async () => {
        const state = await describeEndpoint(sagemaker(), endpoint.endpointName);
        if (state) seen.add(state.status);
        return state;
      },
      (state) => state?.status === 'InService' || state?.status === 'Failed',
    );
    // RollingBack is brief at the sim's test speed and a busy machine can poll past it; the
    // lasting evidence is the old config back in service and the reason naming the alarm.
    expect(settled?.endpointConfigName).toBe(endpoint.v1.endpointConfigName);
    expect(settled?.failureReason ?? '').toContain(alarmName);
    expect([...seen].every((status) => ['Updating', 'RollingBack', 'InService'].includes(status))).toBe(true);
  });
});

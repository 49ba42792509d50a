import { describe, expect, it } from 'vitest';
import type { DeploymentSpecInput } from '../schemas/deployment';
import { deploymentWarnings, peakInstancesByType } from './deployment-warnings';
import {
  ASYNC_INPUT,
  BATCH_INPUT,
  OTHER_VERSION_ID,
  REALTIME_INPUT,
  SERVERLESS_INPUT,
  spec,
} from './test-specs';
import { validateDeployment } from './validate-deployment';

describe('warnings that do not block a deployment', () => {
  const cases: Array<{
    label: string;
    input: DeploymentSpecInput;
    expected: Array<{ field: string; code: string }>;
  }> = [
    { label: 'nothing for a plain real-time endpoint', input: REALTIME_INPUT, expected: [] },
    {
      label: 'autoscaling past the soft quota of 20 per type',
      input: {
        ...REALTIME_INPUT,
        autoscaling: { minInstances: 2, maxInstances: 21, targetInvocationsPerInstance: 100 },
      },
      expected: [{ field: 'autoscaling.maxInstances', code: 'instance_quota' }],
    },
    {
      label: 'exactly 20 instances',
      input: { ...REALTIME_INPUT, initialInstanceCount: 20 },
      expected: [],
    },
    {
      label: 'a shadow variant that doubles a fleet of 12',
      input: {
        ...REALTIME_INPUT,
        initialInstanceCount: 12,
        strategy: { kind: 'SHADOW', shadowPercent: 10, days: 7 },
      },
      expected: [{ field: 'initialInstanceCount', code: 'instance_quota' }],
    },
    {
      label: 'A/B variants of another type past the quota',
      input: {
        ...REALTIME_INPUT,
        strategy: {
          kind: 'AB',
          variants: [
            { modelVersionId: OTHER_VERSION_ID, weight: 1, instanceType: 'ml.c5.large', instanceCount: 21 },
          ],
        },
      },
      expected: [{ field: 'strategy.variants', code: 'instance_quota' }],
    },
    {
      label: 'a transform on 40 instances',
      input: { ...BATCH_INPUT, instanceCount: 40 },
      expected: [{ field: 'instanceCount', code: 'instance_quota' }],
    },
    {
      label: 'a canary with auto-rollback off',
      input: {
        ...REALTIME_INPUT,
        rollsBackOnAlarm: false,
        strategy: { kind: 'CANARY', canaryPercent: 10, bakeSeconds: 600 },
      },
      expected: [{ field: 'rollsBackOnAlarm', code: 'no_rollback_alarms' }],
    },
    {
      label: 'all at once with auto-rollback off (nothing to roll back gradually)',
      input: { ...REALTIME_INPUT, rollsBackOnAlarm: false },
      expected: [],
    },
    {
      label: 'an initial count outside the autoscaling range',
      input: {
        ...ASYNC_INPUT,
        initialInstanceCount: 6,
        autoscaling: { minInstances: 1, maxInstances: 4, targetInvocationsPerInstance: 5 },
      },
      expected: [{ field: 'initialInstanceCount', code: 'initial_count_outside_autoscaling' }],
    },
    {
      label: 'a bake on a serverless endpoint',
      input: { ...SERVERLESS_INPUT, strategy: { kind: 'ALL_AT_ONCE', waitSeconds: 300 } },
      expected: [{ field: 'strategy.waitSeconds', code: 'bake_ignored' }],
    },
    {
      label: 'a chunked (0 MB) payload',
      input: { ...BATCH_INPUT, maxPayloadMb: 0 },
      expected: [{ field: 'maxPayloadMb', code: 'chunked_payload' }],
    },
    {
      label: 'output written inside the input prefix',
      input: { ...BATCH_INPUT, outputS3Uri: 's3://cairn-data/nightly/input/scored' },
      expected: [{ field: 'outputS3Uri', code: 'output_inside_input' }],
    },
    {
      label: 'output beside the input prefix',
      input: { ...BATCH_INPUT, outputS3Uri: 's3://cairn-data/nightly/input-scored/' },
      expected: [],
    },
  ];
  it.each(cases)('$label', ({ input, expected }) => {
    const parsed = spec(input);
    expect(deploymentWarnings(parsed).map(({ field, code }) => ({ field, code }))).toEqual(expected);
    // A warning never doubles as a refusal.
    expect(validateDeployment(parsed).filter((issue) => expected.some((w) => w.code === issue.code))).toEqual(
      [],
    );
  });

  it('counts each instance type at its peak', () => {
    const peak = peakInstancesByType(
      spec({
        ...REALTIME_INPUT,
        initialInstanceCount: 2,
        autoscaling: { minInstances: 2, maxInstances: 6, targetInvocationsPerInstance: 50 },
        strategy: {
          kind: 'AB',
          variants: [
            { modelVersionId: OTHER_VERSION_ID, weight: 1, instanceType: 'ml.m5.xlarge', instanceCount: 1 },
            { modelVersionId: OTHER_VERSION_ID, weight: 1, instanceType: 'ml.g5.xlarge', instanceCount: 2 },
          ],
        },
      }),
    );
    expect(Object.fromEntries(peak)).toEqual({ 'ml.m5.xlarge': 7, 'ml.g5.xlarge': 2 });
  });
});

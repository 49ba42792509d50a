import { describe, expect, it } from 'vitest';
import type { DeploymentSpecInput } from '../schemas/deployment';
import {
  ASYNC_INPUT,
  BATCH_INPUT,
  OTHER_VERSION_ID,
  REALTIME_INPUT,
  SERVERLESS_INPUT,
  spec,
  VERSION_ID,
} from './test-specs';
import { validateDeployment } from './validate-deployment';

function refusals(input: DeploymentSpecInput) {
  return validateDeployment(spec(input)).map(({ field, code }) => ({ field, code }));
}

const abVariant = (overrides: Record<string, unknown> = {}) => ({
  modelVersionId: OTHER_VERSION_ID,
  weight: 1,
  instanceType: 'ml.m5.large',
  instanceCount: 1,
  ...overrides,
});

describe('deployments SageMaker accepts', () => {
  const cases: Array<{ label: string; input: DeploymentSpecInput }> = [
    { label: 'real-time, all at once', input: REALTIME_INPUT },
    {
      label: 'real-time canary at the 50% limit, bake at the 3600 s limit',
      input: { ...REALTIME_INPUT, strategy: { kind: 'CANARY', canaryPercent: 50, bakeSeconds: 3600 } },
    },
    {
      label: 'real-time linear at the 10% step limit, no interval',
      input: { ...REALTIME_INPUT, strategy: { kind: 'LINEAR', stepPercent: 10, intervalSeconds: 0 } },
    },
    {
      label: 'real-time linear at the 50% step limit',
      input: { ...REALTIME_INPUT, strategy: { kind: 'LINEAR', stepPercent: 50, intervalSeconds: 600 } },
    },
    {
      label: 'a timeout of 600 s above a 4-minute canary',
      input: {
        ...REALTIME_INPUT,
        strategy: { kind: 'CANARY', canaryPercent: 25, bakeSeconds: 120 },
        maximumExecutionTimeoutSeconds: 600,
      },
    },
    {
      label: 'a 30-day shadow test',
      input: { ...REALTIME_INPUT, strategy: { kind: 'SHADOW', shadowPercent: 20, days: 30 } },
    },
    {
      label: 'an A/B test with 10 variants in all',
      input: {
        ...REALTIME_INPUT,
        strategy: { kind: 'AB', variants: Array.from({ length: 9 }, () => abVariant()) },
      },
    },
    {
      label: 'autoscaling 1-8',
      input: {
        ...REALTIME_INPUT,
        autoscaling: { minInstances: 1, maxInstances: 8, targetInvocationsPerInstance: 100 },
      },
    },
    {
      label: 'serverless with provisioned = max',
      input: { ...SERVERLESS_INPUT, provisionedConcurrency: 20 },
    },
    {
      label: 'async scaling to zero',
      input: {
        ...ASYNC_INPUT,
        scalesToZero: true,
        autoscaling: { minInstances: 0, maxInstances: 4, targetInvocationsPerInstance: 5 },
      },
    },
    {
      label: 'async linear rollout',
      input: { ...ASYNC_INPUT, strategy: { kind: 'LINEAR', stepPercent: 25, intervalSeconds: 300 } },
    },
    {
      label: 'batch MultiRecord with Line split, 4 x 25 MB',
      input: {
        ...BATCH_INPUT,
        splitType: 'Line' as const,
        batchStrategy: 'MultiRecord' as const,
        maxPayloadMb: 25,
        maxConcurrentTransforms: 4,
      },
    },
    { label: 'batch with a 6 MB file and split None', input: { ...BATCH_INPUT, largestRecordMb: 6 } },
  ];
  it.each(cases)('accepts $label', ({ input }) => {
    expect(validateDeployment(spec(input))).toEqual([]);
  });
});

describe('deployments SageMaker refuses', () => {
  const cases: Array<{
    label: string;
    input: DeploymentSpecInput;
    expected: Array<{ field: string; code: string }>;
  }> = [
    {
      label: 'an instance type outside the catalogue',
      input: { ...REALTIME_INPUT, instanceType: 'ml.x1.32xlarge' },
      expected: [{ field: 'instanceType', code: 'instance_type_unknown' }],
    },
    {
      label: 'a T3 endpoint',
      input: { ...REALTIME_INPUT, instanceType: 'ml.t3.medium' },
      expected: [{ field: 'instanceType', code: 'instance_type_not_allowed' }],
    },
    {
      label: 'a T2 transform',
      input: { ...BATCH_INPUT, instanceType: 'ml.t2.medium' },
      expected: [{ field: 'instanceType', code: 'instance_type_not_allowed' }],
    },
    {
      label: 'an Inf1 transform',
      input: { ...BATCH_INPUT, instanceType: 'ml.inf1.xlarge' },
      expected: [{ field: 'instanceType', code: 'instance_type_not_allowed' }],
    },
    {
      label: 'canary on serverless',
      input: { ...SERVERLESS_INPUT, strategy: { kind: 'CANARY', canaryPercent: 10, bakeSeconds: 60 } },
      expected: [{ field: 'strategy.kind', code: 'traffic_shifting_unsupported' }],
    },
    {
      label: 'linear on serverless',
      input: { ...SERVERLESS_INPUT, strategy: { kind: 'LINEAR', stepPercent: 20, intervalSeconds: 60 } },
      expected: [{ field: 'strategy.kind', code: 'traffic_shifting_unsupported' }],
    },
    {
      label: 'shadow on serverless',
      input: { ...SERVERLESS_INPUT, strategy: { kind: 'SHADOW', shadowPercent: 10, days: 7 } },
      expected: [{ field: 'strategy.kind', code: 'shadow_unsupported' }],
    },
    {
      label: 'A/B on serverless',
      input: { ...SERVERLESS_INPUT, strategy: { kind: 'AB', variants: [abVariant()] } },
      expected: [{ field: 'strategy.kind', code: 'multiple_variants_unsupported' }],
    },
    {
      label: 'a 51% canary',
      input: { ...REALTIME_INPUT, strategy: { kind: 'CANARY', canaryPercent: 51, bakeSeconds: 600 } },
      expected: [{ field: 'strategy.canaryPercent', code: 'canary_too_large' }],
    },
    {
      label: 'a canary bake of 3601 s',
      input: { ...REALTIME_INPUT, strategy: { kind: 'CANARY', canaryPercent: 10, bakeSeconds: 3601 } },
      expected: [{ field: 'strategy.bakeSeconds', code: 'bake_out_of_range' }],
    },
    {
      label: 'a 9% linear step',
      input: { ...REALTIME_INPUT, strategy: { kind: 'LINEAR', stepPercent: 9, intervalSeconds: 60 } },
      expected: [{ field: 'strategy.stepPercent', code: 'linear_step_out_of_range' }],
    },
    {
      label: 'a 51% linear step',
      input: { ...REALTIME_INPUT, strategy: { kind: 'LINEAR', stepPercent: 51, intervalSeconds: 60 } },
      expected: [{ field: 'strategy.stepPercent', code: 'linear_step_out_of_range' }],
    },
    {
      label: 'a linear interval of two hours',
      input: { ...REALTIME_INPUT, strategy: { kind: 'LINEAR', stepPercent: 20, intervalSeconds: 7200 } },
      expected: [{ field: 'strategy.intervalSeconds', code: 'bake_out_of_range' }],
    },
    {
      label: 'an all-at-once final bake of 3601 s',
      input: { ...ASYNC_INPUT, strategy: { kind: 'ALL_AT_ONCE', waitSeconds: 3601 } },
      expected: [{ field: 'strategy.waitSeconds', code: 'bake_out_of_range' }],
    },
    {
      label: 'a deployment timeout of 599 s',
      input: { ...REALTIME_INPUT, maximumExecutionTimeoutSeconds: 599 },
      expected: [{ field: 'maximumExecutionTimeoutSeconds', code: 'timeout_out_of_range' }],
    },
    {
      label: 'a deployment timeout of 28801 s',
      input: { ...REALTIME_INPUT, maximumExecutionTimeoutSeconds: 28_801 },
      expected: [{ field: 'maximumExecutionTimeoutSeconds', code: 'timeout_out_of_range' }],
    },
    {
      label: 'a timeout no longer than five linear bakes',
      input: {
        ...REALTIME_INPUT,
        strategy: { kind: 'LINEAR', stepPercent: 20, intervalSeconds: 600 },
        maximumExecutionTimeoutSeconds: 3000,
      },
      expected: [{ field: 'maximumExecutionTimeoutSeconds', code: 'timeout_shorter_than_bake' }],
    },
    {
      label: 'a termination wait of 3601 s',
      input: { ...REALTIME_INPUT, terminationWaitSeconds: 3601 },
      expected: [{ field: 'terminationWaitSeconds', code: 'termination_wait_out_of_range' }],
    },
    {
      label: 'a canary on Inf1',
      input: {
        ...REALTIME_INPUT,
        instanceType: 'ml.inf1.xlarge',
        strategy: { kind: 'CANARY', canaryPercent: 25, bakeSeconds: 300 },
      },
      expected: [{ field: 'strategy.kind', code: 'guardrails_unsupported_instance' }],
    },
    {
      label: 'a 31-day shadow test',
      input: { ...REALTIME_INPUT, strategy: { kind: 'SHADOW', shadowPercent: 20, days: 31 } },
      expected: [{ field: 'strategy.days', code: 'shadow_too_long' }],
    },
    {
      label: 'an A/B test with 11 variants in all',
      input: {
        ...REALTIME_INPUT,
        strategy: { kind: 'AB', variants: Array.from({ length: 10 }, () => abVariant()) },
      },
      expected: [{ field: 'strategy.variants', code: 'too_many_variants' }],
    },
    {
      label: 'A/B weights of 0 and a variant on T3',
      input: {
        ...REALTIME_INPUT,
        strategy: {
          kind: 'AB',
          primaryWeight: 0,
          variants: [abVariant({ weight: 0, instanceType: 'ml.t3.large' })],
        },
      },
      expected: [
        { field: 'strategy.primaryWeight', code: 'variant_weight_not_positive' },
        { field: 'strategy.variants.0.weight', code: 'variant_weight_not_positive' },
        { field: 'strategy.variants.0.instanceType', code: 'instance_type_not_allowed' },
      ],
    },
    {
      label: 'an A/B variant of the same version',
      input: {
        ...REALTIME_INPUT,
        strategy: { kind: 'AB', variants: [abVariant({ modelVersionId: VERSION_ID })] },
      },
      expected: [{ field: 'strategy.variants.0.modelVersionId', code: 'variant_duplicates_version' }],
    },
    {
      label: 'autoscaling min above max',
      input: {
        ...REALTIME_INPUT,
        autoscaling: { minInstances: 5, maxInstances: 4, targetInvocationsPerInstance: 100 },
      },
      expected: [{ field: 'autoscaling.minInstances', code: 'autoscaling_min_above_max' }],
    },
    {
      label: 'a real-time endpoint scaling to zero',
      input: {
        ...REALTIME_INPUT,
        autoscaling: { minInstances: 0, maxInstances: 4, targetInvocationsPerInstance: 100 },
      },
      expected: [{ field: 'autoscaling.minInstances', code: 'realtime_cannot_scale_to_zero' }],
    },
    {
      label: 'provisioned concurrency above max concurrency',
      input: { ...SERVERLESS_INPUT, maxConcurrency: 10, provisionedConcurrency: 11 },
      expected: [{ field: 'provisionedConcurrency', code: 'provisioned_above_max' }],
    },
    {
      label: 'async scale to zero without autoscaling',
      input: { ...ASYNC_INPUT, scalesToZero: true },
      expected: [{ field: 'scalesToZero', code: 'scale_to_zero_needs_min_zero' }],
    },
    {
      label: 'async scale to zero with minimum 1',
      input: {
        ...ASYNC_INPUT,
        scalesToZero: true,
        autoscaling: { minInstances: 1, maxInstances: 4, targetInvocationsPerInstance: 5 },
      },
      expected: [{ field: 'autoscaling.minInstances', code: 'scale_to_zero_needs_min_zero' }],
    },
    {
      label: 'MultiRecord with split type None',
      input: { ...BATCH_INPUT, batchStrategy: 'MultiRecord' as const, splitType: 'None' as const },
      expected: [{ field: 'batchStrategy', code: 'multirecord_needs_split' }],
    },
    {
      label: '5 concurrent transforms x 25 MB',
      input: { ...BATCH_INPUT, splitType: 'Line' as const, maxPayloadMb: 25, maxConcurrentTransforms: 5 },
      expected: [{ field: 'maxConcurrentTransforms', code: 'payload_times_concurrency_too_large' }],
    },
    {
      label: 'a 7 MB file with split None and the default 6 MB payload',
      input: { ...BATCH_INPUT, largestRecordMb: 7 },
      expected: [{ field: 'maxPayloadMb', code: 'record_exceeds_payload' }],
    },
  ];
  it.each(cases)('refuses $label', ({ input, expected }) => {
    expect(refusals(input)).toEqual(expected);
  });
});

describe('a refusal explains itself', () => {
  const cases: Array<{ input: DeploymentSpecInput; message: string }> = [
    {
      input: { ...REALTIME_INPUT, strategy: { kind: 'CANARY', canaryPercent: 60, bakeSeconds: 600 } },
      message:
        "A 60% canary is too large: SageMaker requires the canary to be at most 50% of the new fleet's capacity (CanarySize).",
    },
    {
      input: { ...REALTIME_INPUT, strategy: { kind: 'LINEAR', stepPercent: 5, intervalSeconds: 60 } },
      message:
        "A linear step of 5% is outside what SageMaker allows: each step must be 10-50% of the new fleet's capacity (LinearStepSize).",
    },
    {
      input: { ...REALTIME_INPUT, strategy: { kind: 'CANARY', canaryPercent: 10, bakeSeconds: 5400 } },
      message:
        'The canary bake time is 5400 s: SageMaker waits between traffic shifts for 0-3600 s (WaitIntervalInSeconds), at most one hour.',
    },
    {
      input: { ...SERVERLESS_INPUT, strategy: { kind: 'LINEAR', stepPercent: 20, intervalSeconds: 60 } },
      message:
        "Serverless endpoints cannot shift traffic linearly: SageMaker's deployment guardrails (canary, linear and rolling updates) work on real-time and asynchronous endpoints only. Deploy all at once, or choose a real-time endpoint.",
    },
    {
      input: { ...BATCH_INPUT, instanceType: 'ml.t2.medium' },
      message:
        'ml.t2.medium cannot run a batch transform: SageMaker does not accept the Burstable (T2) family for batch transform jobs. Choose, for example, ml.m5.large or ml.c5.xlarge.',
    },
    {
      input: { ...SERVERLESS_INPUT, maxConcurrency: 10, provisionedConcurrency: 11 },
      message:
        'Provisioned concurrency (11) is above maximum concurrency (10): SageMaker requires provisioned concurrency to be at most the maximum.',
    },
    {
      input: { ...BATCH_INPUT, largestRecordMb: 250 },
      message:
        'The largest input file (sent whole, as split type is None) is 250 MB but the maximum payload is 6 MB: SageMaker needs the maximum payload to be at least the size of a single record. No payload above 100 MB is allowed: split the input (Line, RecordIO or TFRecord) or use an asynchronous endpoint.',
    },
    {
      input: { ...BATCH_INPUT, splitType: 'Line' as const, largestRecordMb: 8.5 },
      message:
        'The largest record is 8.5 MB but the maximum payload is 6 MB: SageMaker needs the maximum payload to be at least the size of a single record. Raise the maximum payload to at least 9 MB.',
    },
  ];
  it.each(cases)('$message', ({ input, message }) => {
    expect(validateDeployment(spec(input)).map((issue) => issue.message)).toEqual([message]);
  });
});

import { describe, expect, it } from 'vitest';
import { type DeploymentSpecInput, deploymentSpecSchema } from './deployment';

const VERSION = '0192f3a0-0000-7000-8000-000000000001';
const OTHER_VERSION = '0192f3a0-0000-7000-8000-000000000002';

const realtime: DeploymentSpecInput = {
  type: 'REALTIME',
  modelVersionId: VERSION,
  environment: 'STAGING',
  instanceType: 'ml.m5.large',
  initialInstanceCount: 2,
};
const serverless: DeploymentSpecInput = {
  type: 'SERVERLESS',
  modelVersionId: VERSION,
  environment: 'DEV',
  memorySizeMb: 2048,
  maxConcurrency: 20,
};
const asyncSpec: DeploymentSpecInput = {
  type: 'ASYNC',
  modelVersionId: VERSION,
  environment: 'PROD',
  instanceType: 'ml.g5.xlarge',
  initialInstanceCount: 1,
  outputS3Uri: 's3://cairn-outputs/video',
};
const batch: DeploymentSpecInput = {
  type: 'BATCH',
  modelVersionId: VERSION,
  environment: 'PROD',
  inputS3Uri: 's3://cairn-data/nightly/input',
  outputS3Uri: 's3://cairn-data/nightly/output',
  instanceType: 'ml.m5.xlarge',
  instanceCount: 4,
};

/** The first issue zod reports, as the wizard shows it: field path and message. */
function firstIssue(input: unknown): { path: string; message: string } | undefined {
  const result = deploymentSpecSchema.safeParse(input);
  if (result.success) return undefined;
  const issue = result.error.issues[0]!;
  return { path: issue.path.join('.'), message: issue.message };
}

describe('a valid deploy wizard input', () => {
  it.each([
    ['real-time', realtime],
    ['serverless', serverless],
    ['async', asyncSpec],
    ['batch', batch],
  ])('parses for %s', (_label, input) => {
    expect(deploymentSpecSchema.safeParse(input).success).toBe(true);
  });

  it('fills in the defaults a user need not choose', () => {
    expect(deploymentSpecSchema.parse(realtime)).toMatchObject({
      strategy: { kind: 'ALL_AT_ONCE', waitSeconds: 0 },
      rollsBackOnAlarm: true,
    });
    expect(deploymentSpecSchema.parse(serverless)).toMatchObject({ provisionedConcurrency: 0 });
    expect(deploymentSpecSchema.parse(asyncSpec)).toMatchObject({ scalesToZero: false });
    expect(deploymentSpecSchema.parse(batch)).toMatchObject({
      splitType: 'None',
      maxPayloadMb: 6,
      batchStrategy: 'SingleRecord',
      joinSource: 'None',
    });
  });

  it('parses each rollout strategy of a real-time endpoint', () => {
    const strategies = [
      { kind: 'ALL_AT_ONCE', waitSeconds: 300 },
      { kind: 'CANARY', canaryPercent: 10, bakeSeconds: 600 },
      { kind: 'LINEAR', stepPercent: 20, intervalSeconds: 300 },
      { kind: 'SHADOW', shadowPercent: 50, days: 7 },
      {
        kind: 'AB',
        primaryWeight: 9,
        variants: [
          { modelVersionId: OTHER_VERSION, weight: 1, instanceType: 'ml.m5.large', instanceCount: 1 },
        ],
      },
    ];
    for (const strategy of strategies) {
      expect(deploymentSpecSchema.safeParse({ ...realtime, strategy }).success, strategy.kind).toBe(true);
    }
  });
});

describe('a wizard input the schema refuses', () => {
  const cases: Array<{ label: string; input: unknown; path: string; message: string }> = [
    {
      label: 'an unknown type',
      input: { ...realtime, type: 'EDGE' },
      path: 'type',
      message: 'Deployment type must be one of REALTIME, SERVERLESS, ASYNC, BATCH',
    },
    {
      label: 'an unknown environment',
      input: { ...realtime, environment: 'QA' },
      path: 'environment',
      message: 'Environment must be one of DEV, STAGING, PROD',
    },
    {
      label: 'a missing model version',
      input: { ...realtime, modelVersionId: 'v1' },
      path: 'modelVersionId',
      message: 'Must be a valid id',
    },
    {
      label: 'no instance',
      input: { ...realtime, initialInstanceCount: 0 },
      path: 'initialInstanceCount',
      message: 'Initial instance count must be a whole number at least 1',
    },
    {
      label: 'a fractional instance count',
      input: { ...realtime, initialInstanceCount: 1.5 },
      path: 'initialInstanceCount',
      message: 'Initial instance count must be a whole number at least 1',
    },
    {
      label: 'an instance type that is not a SageMaker name',
      input: { ...realtime, instanceType: 'm5.large' },
      path: 'instanceType',
      message: 'Instance type must be a SageMaker instance type such as ml.m5.large',
    },
    {
      label: 'an unknown strategy',
      input: { ...realtime, strategy: { kind: 'ROLLING' } },
      path: 'strategy.kind',
      message: "Rollout strategy must be one of 'ALL_AT_ONCE', 'CANARY', 'LINEAR', 'SHADOW', 'AB'",
    },
    {
      label: 'a canary of 0%',
      input: { ...realtime, strategy: { kind: 'CANARY', canaryPercent: 0, bakeSeconds: 60 } },
      path: 'strategy.canaryPercent',
      message: 'Canary size (% of the new fleet) must be a whole number between 1 and 100',
    },
    {
      label: 'a negative bake time',
      input: { ...realtime, strategy: { kind: 'CANARY', canaryPercent: 10, bakeSeconds: -1 } },
      path: 'strategy.bakeSeconds',
      message: 'Canary bake time (seconds) must be a whole number at least 0',
    },
    {
      label: 'an A/B test with no other variant',
      input: { ...realtime, strategy: { kind: 'AB', variants: [] } },
      path: 'strategy.variants',
      message: 'An A/B test needs at least one other variant',
    },
    {
      label: 'autoscaling without a target',
      input: { ...realtime, autoscaling: { minInstances: 1, maxInstances: 4 } },
      path: 'autoscaling.targetInvocationsPerInstance',
      message: 'Target invocations per instance (per minute) must be a whole number at least 1',
    },
    {
      label: 'a serverless memory size between the steps',
      input: { ...serverless, memorySizeMb: 1536 },
      path: 'memorySizeMb',
      message: 'Memory size must be one of 1024, 2048, 3072, 4096, 5120, 6144 MB',
    },
    {
      label: 'serverless concurrency above 200',
      input: { ...serverless, maxConcurrency: 201 },
      path: 'maxConcurrency',
      message: 'Maximum concurrency must be a whole number between 1 and 200',
    },
    {
      label: 'serverless with an instance type (a GPU, say)',
      input: { ...serverless, instanceType: 'ml.g5.xlarge' },
      path: 'instanceType',
      message:
        'Serverless endpoints take no instance type: SageMaker runs them on CPU sized from the memory you choose, and offers no GPUs',
    },
    {
      label: 'an async output that is not in S3',
      input: { ...asyncSpec, outputS3Uri: 'https://example.com/out' },
      path: 'outputS3Uri',
      message: 'Output S3 location must be an S3 location: s3://bucket/prefix',
    },
    {
      label: 'async concurrency above 1000',
      input: { ...asyncSpec, maxConcurrentInvocationsPerInstance: 1001 },
      path: 'maxConcurrentInvocationsPerInstance',
      message: 'Maximum concurrent invocations per instance must be a whole number between 1 and 1000',
    },
    {
      label: 'an async shadow variant',
      input: { ...asyncSpec, strategy: { kind: 'SHADOW', shadowPercent: 10, days: 3 } },
      path: 'strategy.kind',
      message: "Rollout strategy of an async endpoint must be one of 'ALL_AT_ONCE', 'CANARY', 'LINEAR'",
    },
    {
      label: 'a transform on 101 instances',
      input: { ...batch, instanceCount: 101 },
      path: 'instanceCount',
      message: 'Instance count must be a whole number between 1 and 100',
    },
    {
      label: 'a payload above 100 MB',
      input: { ...batch, maxPayloadMb: 101 },
      path: 'maxPayloadMb',
      message: 'Maximum payload (MB) must be a whole number between 0 and 100',
    },
    {
      label: 'an unknown split type',
      input: { ...batch, splitType: 'Csv' },
      path: 'splitType',
      message: 'Split type must be one of None, Line, RecordIO, TFRecord',
    },
    {
      label: 'an unknown batch strategy',
      input: { ...batch, batchStrategy: 'AllRecords' },
      path: 'batchStrategy',
      message: 'Batch strategy must be one of MultiRecord, SingleRecord',
    },
    {
      label: 'an unknown join source',
      input: { ...batch, joinSource: 'Output' },
      path: 'joinSource',
      message: 'Join source must be one of None, Input',
    },
  ];
  it.each(cases)('refuses $label', ({ input, path, message }) => {
    expect(firstIssue(input)).toEqual({ path, message });
  });
});

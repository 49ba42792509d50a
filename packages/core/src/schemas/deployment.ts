import { z } from 'zod';
import { DEPLOYMENT_ENVIRONMENTS } from '../deployments/deployment-environments';
import { SERVERLESS_MEMORY_SIZES_MB } from '../deployments/serverless-pricing';
import { idSchema } from './common';

/**
 * What the deploy wizard submits: one model version to one environment as a real-time, serverless
 * or asynchronous endpoint, or as a batch transform. This schema checks the shape of each field
 * and the ranges SageMaker's API states for a single field; the rules that weigh one field against
 * another (canary size against fleet, timeouts against bake time, ...) live in
 * `@cairn/core/deployments/validate-deployment`, which runs on what this schema returns.
 */

export const DEPLOYMENT_TYPES = ['REALTIME', 'SERVERLESS', 'ASYNC', 'BATCH'] as const;
export type DeploymentType = (typeof DEPLOYMENT_TYPES)[number];

export { DEPLOYMENT_ENVIRONMENTS, type DeploymentEnvironment } from '../deployments/deployment-environments';

export const SPLIT_TYPES = ['None', 'Line', 'RecordIO', 'TFRecord'] as const;
export const BATCH_STRATEGIES = ['MultiRecord', 'SingleRecord'] as const;
export const JOIN_SOURCES = ['None', 'Input'] as const;

/** A whole number within [min, max], with one message that names the field and the range. */
function wholeNumber(label: string, min: number, max?: number) {
  const range = max === undefined ? `at least ${min}` : `between ${min} and ${max}`;
  const message = `${label} must be a whole number ${range}`;
  const base = z.number({ message }).int({ message }).min(min, { message });
  return max === undefined ? base : base.max(max, { message });
}

// s3://bucket/key: a bucket name as S3 allows it (3-63 lowercase letters, digits, dots, hyphens).
const S3_URI = /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/\S*)?$/;
const s3UriSchema = (label: string) =>
  z
    .string({ message: `${label} is required` })
    .trim()
    .min(1, { message: `${label} is required` })
    .max(1_024, { message: `${label} must be at most 1,024 characters` })
    .regex(S3_URI, { message: `${label} must be an S3 location: s3://bucket/prefix` });

const instanceTypeSchema = (label: string) =>
  z
    .string({ message: `${label} is required` })
    .trim()
    .regex(/^ml\.[a-z0-9]+\.[a-z0-9]+$/, {
      message: `${label} must be a SageMaker instance type such as ml.m5.large`,
    });

export const autoscalingSchema = z.object({
  minInstances: wholeNumber('Minimum instances', 0),
  maxInstances: wholeNumber('Maximum instances', 1),
  targetInvocationsPerInstance: wholeNumber('Target invocations per instance (per minute)', 1),
  scaleInCooldownSeconds: wholeNumber('Scale-in cooldown (seconds)', 0, 86_400).default(300),
  scaleOutCooldownSeconds: wholeNumber('Scale-out cooldown (seconds)', 0, 86_400).default(60),
});
export type Autoscaling = z.infer<typeof autoscalingSchema>;

const allAtOnceSchema = z.object({
  kind: z.literal('ALL_AT_ONCE'),
  waitSeconds: wholeNumber('Final bake time (seconds)', 0).default(0),
});
const canarySchema = z.object({
  kind: z.literal('CANARY'),
  canaryPercent: wholeNumber('Canary size (% of the new fleet)', 1, 100),
  bakeSeconds: wholeNumber('Canary bake time (seconds)', 0),
});
const linearSchema = z.object({
  kind: z.literal('LINEAR'),
  stepPercent: wholeNumber('Linear step size (% of the new fleet)', 1, 100),
  intervalSeconds: wholeNumber('Linear step interval (seconds)', 0),
});
const shadowSchema = z.object({
  kind: z.literal('SHADOW'),
  shadowPercent: wholeNumber('Shadow traffic (% of requests copied)', 1, 100),
  days: wholeNumber('Shadow duration (days)', 1),
});
export const abVariantSchema = z.object({
  modelVersionId: idSchema,
  weight: z.number({ message: 'Variant weight must be a number' }),
  instanceType: instanceTypeSchema('Variant instance type'),
  instanceCount: wholeNumber('Variant instance count', 1),
});
const abSchema = z.object({
  kind: z.literal('AB'),
  /** The weight of the version being deployed; each entry of `variants` runs beside it. */
  primaryWeight: z.number({ message: 'Weight of this version must be a number' }).default(1),
  variants: z.array(abVariantSchema, { message: 'A/B variants must be a list' }).min(1, {
    message: 'An A/B test needs at least one other variant',
  }),
});

const STRATEGY_KINDS_MESSAGE =
  "Rollout strategy must be one of 'ALL_AT_ONCE', 'CANARY', 'LINEAR', 'SHADOW', 'AB'";
export const rolloutStrategySchema = z.discriminatedUnion(
  'kind',
  [allAtOnceSchema, canarySchema, linearSchema, shadowSchema, abSchema],
  { message: STRATEGY_KINDS_MESSAGE },
);
export type RolloutStrategy = z.infer<typeof rolloutStrategySchema>;
export type RolloutStrategyKind = RolloutStrategy['kind'];

/** Async endpoints take the blue/green traffic shifts only: no shadow variant, no A/B variants in Cairn. */
const asyncStrategySchema = z.discriminatedUnion('kind', [allAtOnceSchema, canarySchema, linearSchema], {
  message: "Rollout strategy of an async endpoint must be one of 'ALL_AT_ONCE', 'CANARY', 'LINEAR'",
});

const common = {
  modelVersionId: idSchema,
  environment: z.enum(DEPLOYMENT_ENVIRONMENTS, {
    message: `Environment must be one of ${DEPLOYMENT_ENVIRONMENTS.join(', ')}`,
  }),
};

/** BlueGreenUpdatePolicy knobs; SageMaker's ranges are checked by validateDeployment. */
const guardrailTimes = {
  rollsBackOnAlarm: z.boolean({ message: 'Auto-rollback on alarms must be on or off' }).default(true),
  terminationWaitSeconds: wholeNumber('Old fleet termination wait (seconds)', 0).optional(),
  maximumExecutionTimeoutSeconds: wholeNumber('Deployment timeout (seconds)', 0).optional(),
};

export const realtimeDeploymentSchema = z.object({
  type: z.literal('REALTIME'),
  ...common,
  instanceType: instanceTypeSchema('Instance type'),
  initialInstanceCount: wholeNumber('Initial instance count', 1),
  autoscaling: autoscalingSchema.optional(),
  strategy: rolloutStrategySchema.default({ kind: 'ALL_AT_ONCE', waitSeconds: 0 }),
  ...guardrailTimes,
});

export const serverlessDeploymentSchema = z.object({
  type: z.literal('SERVERLESS'),
  ...common,
  memorySizeMb: z.literal(SERVERLESS_MEMORY_SIZES_MB, {
    message: `Memory size must be one of ${SERVERLESS_MEMORY_SIZES_MB.join(', ')} MB`,
  }),
  maxConcurrency: wholeNumber('Maximum concurrency', 1, 200),
  provisionedConcurrency: wholeNumber('Provisioned concurrency', 0, 200).default(0),
  // The wizard may carry a strategy over from another type; validateDeployment explains what
  // SageMaker does not do for serverless endpoints instead of dropping it silently.
  strategy: rolloutStrategySchema.default({ kind: 'ALL_AT_ONCE', waitSeconds: 0 }),
  instanceType: z
    .never({
      message:
        'Serverless endpoints take no instance type: SageMaker runs them on CPU sized from the memory you choose, and offers no GPUs',
    })
    .optional(),
});

export const asyncDeploymentSchema = z.object({
  type: z.literal('ASYNC'),
  ...common,
  instanceType: instanceTypeSchema('Instance type'),
  initialInstanceCount: wholeNumber('Initial instance count', 1),
  outputS3Uri: s3UriSchema('Output S3 location'),
  failureS3Uri: s3UriSchema('Failure S3 location').optional(),
  maxConcurrentInvocationsPerInstance: wholeNumber(
    'Maximum concurrent invocations per instance',
    1,
    1000,
  ).optional(),
  scalesToZero: z.boolean({ message: 'Scale to zero must be on or off' }).default(false),
  autoscaling: autoscalingSchema.optional(),
  strategy: asyncStrategySchema.default({ kind: 'ALL_AT_ONCE', waitSeconds: 0 }),
  ...guardrailTimes,
});

export const batchDeploymentSchema = z.object({
  type: z.literal('BATCH'),
  ...common,
  inputS3Uri: s3UriSchema('Input S3 location'),
  outputS3Uri: s3UriSchema('Output S3 location'),
  instanceType: instanceTypeSchema('Instance type'),
  instanceCount: wholeNumber('Instance count', 1, 100),
  splitType: z
    .enum(SPLIT_TYPES, { message: `Split type must be one of ${SPLIT_TYPES.join(', ')}` })
    .default('None'),
  maxPayloadMb: wholeNumber('Maximum payload (MB)', 0, 100).default(6),
  batchStrategy: z
    .enum(BATCH_STRATEGIES, { message: `Batch strategy must be one of ${BATCH_STRATEGIES.join(', ')}` })
    .default('SingleRecord'),
  joinSource: z
    .enum(JOIN_SOURCES, { message: `Join source must be one of ${JOIN_SOURCES.join(', ')}` })
    .default('None'),
  /** 0 lets SageMaker choose; SageMaker's default is 1. */
  maxConcurrentTransforms: wholeNumber('Maximum concurrent transforms per instance', 0).optional(),
  /** The largest single record (or, with split type None, the largest input file) the user expects. */
  largestRecordMb: z
    .number({ message: 'Largest record (MB) must be a number' })
    .positive({ message: 'Largest record (MB) must be more than 0' })
    .optional(),
});

export const deploymentSpecSchema = z.discriminatedUnion(
  'type',
  [realtimeDeploymentSchema, serverlessDeploymentSchema, asyncDeploymentSchema, batchDeploymentSchema],
  { message: `Deployment type must be one of ${DEPLOYMENT_TYPES.join(', ')}` },
);

export type DeploymentSpec = z.infer<typeof deploymentSpecSchema>;
export type DeploymentSpecInput = z.input<typeof deploymentSpecSchema>;
export type RealtimeDeploymentSpec = z.infer<typeof realtimeDeploymentSchema>;
export type ServerlessDeploymentSpec = z.infer<typeof serverlessDeploymentSchema>;
export type AsyncDeploymentSpec = z.infer<typeof asyncDeploymentSchema>;
export type BatchDeploymentSpec = z.infer<typeof batchDeploymentSchema>;

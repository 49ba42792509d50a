import {
  type BATCH_STRATEGIES,
  type DeploymentEnvironment,
  type DeploymentSpecInput,
  type DeploymentType,
  deploymentSpecSchema,
  type JOIN_SOURCES,
  type RolloutStrategyKind,
  type SPLIT_TYPES,
} from '@cairn/core/schemas/deployment';
import type { CostAssumptions } from '@cairn/core/schemas/deployment-request';
import type { z } from 'zod';

/** What a NumberInput holds: a number, or '' while the box is empty. */
export type NumberField = number | string;

export interface AbVariantRow {
  /** Identity for React only; never sent. */
  rowId: number;
  modelVersionId: string | null;
  weight: NumberField;
  instanceType: string;
  instanceCount: NumberField;
}

/** Everything the wizard's fields hold, whichever type is chosen, so switching type loses nothing. */
export interface WizardState {
  modelVersionId: string | null;
  environment: DeploymentEnvironment;
  type: DeploymentType;
  /** Real-time and async endpoints. */
  instanceType: string;
  instanceCount: NumberField;
  hasAutoscaling: boolean;
  minInstances: NumberField;
  maxInstances: NumberField;
  targetInvocationsPerInstance: NumberField;
  scaleInCooldownSeconds: NumberField;
  scaleOutCooldownSeconds: NumberField;
  /** Serverless. */
  memorySizeMb: number;
  maxConcurrency: NumberField;
  provisionedConcurrency: NumberField;
  requestsPerMonth: NumberField;
  avgDurationMs: NumberField;
  /** Async. */
  asyncOutputS3Uri: string;
  asyncFailureS3Uri: string;
  maxConcurrentInvocationsPerInstance: NumberField;
  scalesToZero: boolean;
  /** Batch. */
  batchInputS3Uri: string;
  batchOutputS3Uri: string;
  batchInstanceType: string;
  batchInstanceCount: NumberField;
  splitType: (typeof SPLIT_TYPES)[number];
  maxPayloadMb: NumberField;
  batchStrategy: (typeof BATCH_STRATEGIES)[number];
  joinSource: (typeof JOIN_SOURCES)[number];
  batchRunsPerMonth: NumberField;
  batchHoursPerRun: NumberField;
  /** Rollout of endpoints. */
  strategyKind: RolloutStrategyKind;
  waitSeconds: NumberField;
  canaryPercent: NumberField;
  bakeSeconds: NumberField;
  stepPercent: NumberField;
  intervalSeconds: NumberField;
  shadowPercent: NumberField;
  shadowDays: NumberField;
  primaryWeight: NumberField;
  variants: AbVariantRow[];
  rollsBackOnAlarm: boolean;
  terminationWaitSeconds: NumberField;
  maximumExecutionTimeoutSeconds: NumberField;
}

export function initialWizardState(modelVersionId: string | null): WizardState {
  return {
    modelVersionId,
    environment: 'DEV',
    type: 'REALTIME',
    instanceType: 'ml.m5.large',
    instanceCount: 1,
    hasAutoscaling: false,
    minInstances: 1,
    maxInstances: 2,
    targetInvocationsPerInstance: 1000,
    scaleInCooldownSeconds: 300,
    scaleOutCooldownSeconds: 60,
    memorySizeMb: 2048,
    maxConcurrency: 20,
    provisionedConcurrency: 0,
    requestsPerMonth: 1_000_000,
    avgDurationMs: 100,
    asyncOutputS3Uri: '',
    asyncFailureS3Uri: '',
    maxConcurrentInvocationsPerInstance: '',
    scalesToZero: false,
    batchInputS3Uri: '',
    batchOutputS3Uri: '',
    batchInstanceType: 'ml.m5.xlarge',
    batchInstanceCount: 1,
    splitType: 'Line',
    maxPayloadMb: 6,
    batchStrategy: 'MultiRecord',
    joinSource: 'None',
    batchRunsPerMonth: 30,
    batchHoursPerRun: 1,
    strategyKind: 'ALL_AT_ONCE',
    waitSeconds: 0,
    canaryPercent: 10,
    bakeSeconds: 600,
    stepPercent: 20,
    intervalSeconds: 300,
    shadowPercent: 10,
    shadowDays: 7,
    primaryWeight: 1,
    variants: [],
    rollsBackOnAlarm: true,
    terminationWaitSeconds: '',
    maximumExecutionTimeoutSeconds: '',
  };
}

/** An empty box is NaN, so the schema names the field; a number passes through. */
export function toNumber(value: NumberField): number {
  return typeof value === 'number' ? value : value.trim() === '' ? Number.NaN : Number(value);
}

/** An optional box: empty means "not stated". */
function optionalNumber(value: NumberField): number | undefined {
  return typeof value === 'string' && value.trim() === '' ? undefined : toNumber(value);
}

function optionalText(value: string): string | undefined {
  return value.trim() === '' ? undefined : value.trim();
}

function strategyInput(state: WizardState) {
  switch (state.strategyKind) {
    case 'ALL_AT_ONCE':
      return { kind: 'ALL_AT_ONCE' as const, waitSeconds: toNumber(state.waitSeconds) };
    case 'CANARY':
      return {
        kind: 'CANARY' as const,
        canaryPercent: toNumber(state.canaryPercent),
        bakeSeconds: toNumber(state.bakeSeconds),
      };
    case 'LINEAR':
      return {
        kind: 'LINEAR' as const,
        stepPercent: toNumber(state.stepPercent),
        intervalSeconds: toNumber(state.intervalSeconds),
      };
    case 'SHADOW':
      return {
        kind: 'SHADOW' as const,
        shadowPercent: toNumber(state.shadowPercent),
        days: toNumber(state.shadowDays),
      };
    case 'AB':
      return {
        kind: 'AB' as const,
        primaryWeight: toNumber(state.primaryWeight),
        variants: state.variants.map((row) => ({
          modelVersionId: row.modelVersionId ?? '',
          weight: toNumber(row.weight),
          instanceType: row.instanceType,
          instanceCount: toNumber(row.instanceCount),
        })),
      };
  }
}

function autoscalingInput(state: WizardState) {
  if (!state.hasAutoscaling) return undefined;
  return {
    minInstances: toNumber(state.minInstances),
    maxInstances: toNumber(state.maxInstances),
    targetInvocationsPerInstance: toNumber(state.targetInvocationsPerInstance),
    scaleInCooldownSeconds: toNumber(state.scaleInCooldownSeconds),
    scaleOutCooldownSeconds: toNumber(state.scaleOutCooldownSeconds),
  };
}

function guardrailInput(state: WizardState) {
  return {
    rollsBackOnAlarm: state.rollsBackOnAlarm,
    terminationWaitSeconds: optionalNumber(state.terminationWaitSeconds),
    maximumExecutionTimeoutSeconds: optionalNumber(state.maximumExecutionTimeoutSeconds),
  };
}

/** The wizard's fields as the deploy input of the chosen type (unparsed: the schema judges it). */
export function specInputFrom(state: WizardState): DeploymentSpecInput {
  const common = { modelVersionId: state.modelVersionId ?? '', environment: state.environment };
  switch (state.type) {
    case 'REALTIME':
      return {
        type: 'REALTIME',
        ...common,
        instanceType: state.instanceType,
        initialInstanceCount: toNumber(state.instanceCount),
        autoscaling: autoscalingInput(state),
        strategy: strategyInput(state),
        ...guardrailInput(state),
      };
    case 'SERVERLESS':
      return {
        type: 'SERVERLESS',
        ...common,
        memorySizeMb: state.memorySizeMb as 2048,
        maxConcurrency: toNumber(state.maxConcurrency),
        provisionedConcurrency: toNumber(state.provisionedConcurrency),
        strategy: strategyInput(state),
      };
    case 'ASYNC': {
      const strategy = strategyInput(state);
      return {
        type: 'ASYNC',
        ...common,
        instanceType: state.instanceType,
        initialInstanceCount: toNumber(state.instanceCount),
        outputS3Uri: state.asyncOutputS3Uri.trim(),
        failureS3Uri: optionalText(state.asyncFailureS3Uri),
        maxConcurrentInvocationsPerInstance: optionalNumber(state.maxConcurrentInvocationsPerInstance),
        scalesToZero: state.scalesToZero,
        autoscaling: autoscalingInput(state),
        // Shadow and A/B are refused by the schema for async endpoints, with its message.
        strategy: strategy as Extract<typeof strategy, { kind: 'ALL_AT_ONCE' | 'CANARY' | 'LINEAR' }>,
        ...guardrailInput(state),
      };
    }
    case 'BATCH':
      return {
        type: 'BATCH',
        ...common,
        inputS3Uri: state.batchInputS3Uri.trim(),
        outputS3Uri: state.batchOutputS3Uri.trim(),
        instanceType: state.batchInstanceType,
        instanceCount: toNumber(state.batchInstanceCount),
        splitType: state.splitType,
        maxPayloadMb: toNumber(state.maxPayloadMb),
        batchStrategy: state.batchStrategy,
        joinSource: state.joinSource,
      };
  }
}

/** What the cost preview assumes beyond the spec: stated serverless traffic, batch runs. */
export function assumptionsFrom(state: WizardState): CostAssumptions {
  if (state.type === 'SERVERLESS') {
    const requestsPerMonth = optionalNumber(state.requestsPerMonth);
    const avgDurationMs = optionalNumber(state.avgDurationMs);
    return requestsPerMonth !== undefined && avgDurationMs !== undefined
      ? { serverlessTraffic: { requestsPerMonth, avgDurationMs } }
      : {};
  }
  if (state.type === 'BATCH') {
    return {
      batchRunsPerMonth: optionalNumber(state.batchRunsPerMonth),
      batchHoursPerRun: optionalNumber(state.batchHoursPerRun),
    };
  }
  return {};
}

export type ParsedSpec =
  | { isValid: true; spec: z.infer<typeof deploymentSpecSchema>; errors: Record<string, string> }
  | { isValid: false; spec: null; errors: Record<string, string> };

/** The spec checked with the schema the server uses; errors keyed by the dotted field path. */
export function parseWizardSpec(state: WizardState): ParsedSpec {
  const parsed = deploymentSpecSchema.safeParse(specInputFrom(state));
  if (parsed.success) return { isValid: true, spec: parsed.data, errors: {} };
  const errors: Record<string, string> = {};
  if (!state.modelVersionId) errors.modelVersionId = 'Model version is required';
  for (const issue of parsed.error.issues) {
    const field = issue.path.map(String).join('.');
    if (!errors[field]) errors[field] = issue.message;
  }
  return { isValid: false, spec: null, errors };
}

/** What each group of wizard fields receives. */
export interface WizardFieldsProps {
  state: WizardState;
  onChange: (patch: Partial<WizardState>) => void;
  errors: Record<string, string>;
}

import type { DeploymentConfig } from '@aws-sdk/client-sagemaker';

/**
 * How traffic moves to a new endpoint config (SageMaker deployment guardrails, blue/green). All
 * three shift to a new fleet; they differ in how much traffic it gets before the rest follows.
 */
export type TrafficShift =
  | { kind: 'all-at-once' }
  | { kind: 'canary'; canaryPercent: number }
  | { kind: 'linear'; stepPercent: number };

export interface DeploymentGuardrails {
  shift: TrafficShift;
  /** Baking time after each shift, watched by the alarms (SageMaker: 0-3600 s). */
  waitSeconds: number;
  /** Alarms that roll the update back when any goes into ALARM while it runs. */
  rollbackAlarmNames: string[];
  /** How long the old fleet stays after all traffic moved (SageMaker: 0-3600 s, default 0). */
  terminationWaitSeconds?: number;
  /** SageMaker: 600-28800 s. */
  maximumExecutionTimeoutSeconds?: number;
}

function trafficRouting(shift: TrafficShift, waitSeconds: number) {
  switch (shift.kind) {
    case 'all-at-once':
      return { Type: 'ALL_AT_ONCE' as const, WaitIntervalInSeconds: waitSeconds };
    case 'canary':
      return {
        Type: 'CANARY' as const,
        WaitIntervalInSeconds: waitSeconds,
        CanarySize: { Type: 'CAPACITY_PERCENT' as const, Value: shift.canaryPercent },
      };
    case 'linear':
      return {
        Type: 'LINEAR' as const,
        WaitIntervalInSeconds: waitSeconds,
        LinearStepSize: { Type: 'CAPACITY_PERCENT' as const, Value: shift.stepPercent },
      };
  }
}

/** The UpdateEndpoint DeploymentConfig for a strategy; ranges are left for AWS (or aws-sim) to judge. */
export function buildDeploymentConfig(guardrails: DeploymentGuardrails): DeploymentConfig {
  const { shift, waitSeconds, rollbackAlarmNames } = guardrails;
  return {
    BlueGreenUpdatePolicy: {
      TrafficRoutingConfiguration: trafficRouting(shift, waitSeconds),
      ...(guardrails.terminationWaitSeconds !== undefined
        ? { TerminationWaitInSeconds: guardrails.terminationWaitSeconds }
        : {}),
      ...(guardrails.maximumExecutionTimeoutSeconds !== undefined
        ? { MaximumExecutionTimeoutInSeconds: guardrails.maximumExecutionTimeoutSeconds }
        : {}),
    },
    ...(rollbackAlarmNames.length > 0
      ? { AutoRollbackConfiguration: { Alarms: rollbackAlarmNames.map((AlarmName) => ({ AlarmName })) } }
      : {}),
  };
}

import type { DeploymentSpec } from '@cairn/core/schemas/deployment';
import type { DeploymentGuardrails } from '../aws/adapters/deployment-config';

/** The blue/green guardrails a strategy asks for; none for serverless endpoints, which take none. */
export function guardrailsFor(
  spec: Exclude<DeploymentSpec, { type: 'BATCH' }>,
  alarms: string[],
): DeploymentGuardrails | undefined {
  if (spec.type === 'SERVERLESS') return undefined;
  const times = {
    rollbackAlarmNames: alarms,
    ...(spec.terminationWaitSeconds !== undefined
      ? { terminationWaitSeconds: spec.terminationWaitSeconds }
      : {}),
    ...(spec.maximumExecutionTimeoutSeconds !== undefined
      ? { maximumExecutionTimeoutSeconds: spec.maximumExecutionTimeoutSeconds }
      : {}),
  };
  const { strategy } = spec;
  switch (strategy.kind) {
    case 'CANARY':
      return {
        ...times,
        shift: { kind: 'canary', canaryPercent: strategy.canaryPercent },
        waitSeconds: strategy.bakeSeconds,
      };
    case 'LINEAR':
      return {
        ...times,
        shift: { kind: 'linear', stepPercent: strategy.stepPercent },
        waitSeconds: strategy.intervalSeconds,
      };
    case 'ALL_AT_ONCE':
      return { ...times, shift: { kind: 'all-at-once' }, waitSeconds: strategy.waitSeconds };
    default:
      // A/B and shadow configs replace the old one at once; the alarms still guard the switch.
      return { ...times, shift: { kind: 'all-at-once' }, waitSeconds: 0 };
  }
}

/**
 * The guardrails in words, for the timeline. `alarmsExpected` says the strategy rolls back on
 * alarms, so having none (no alert rule CloudWatch can express) is worth saying, with why.
 */
export function describeShift(
  guardrails: DeploymentGuardrails | undefined,
  alarmsExpected?: { skippedReasons: string[] },
): string {
  if (!guardrails) return 'all at once';
  const { shift, waitSeconds } = guardrails;
  const how =
    shift.kind === 'canary'
      ? `canary ${shift.canaryPercent}%, bake ${waitSeconds} s`
      : shift.kind === 'linear'
        ? `linear steps of ${shift.stepPercent}% every ${waitSeconds} s`
        : `all at once, bake ${waitSeconds} s`;
  const alarms = guardrails.rollbackAlarmNames.length;
  if (alarms > 0) return `${how}, rolls back on ${alarms} alert rule alarm${alarms === 1 ? '' : 's'}`;
  if (!alarmsExpected) return how;
  const why = [...new Set(alarmsExpected.skippedReasons)].join('; ');
  return `${how}, no rollback alarms: no enabled alert rule can be a CloudWatch alarm${why ? ` (${why})` : ''}`;
}

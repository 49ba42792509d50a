import type { RolloutStrategy } from '../schemas/deployment';

/**
 * How many traffic shifts a blue/green rollout makes. Each shift is followed by a baking period of
 * WaitIntervalInSeconds while the rollback alarms watch the new fleet (SageMaker deployment
 * guardrails): one for all at once, the canary and the rest for canary, and one per step for linear.
 */
export function trafficShiftCount(strategy: RolloutStrategy): number {
  switch (strategy.kind) {
    case 'ALL_AT_ONCE':
      return 1;
    case 'CANARY':
      return 2;
    case 'LINEAR':
      return Math.ceil(100 / strategy.stepPercent);
    case 'SHADOW':
    case 'AB':
      return 0;
  }
}

/** The wait after each shift, in seconds; shadow and A/B deployments do not shift traffic. */
export function bakeSecondsPerShift(strategy: RolloutStrategy): number {
  switch (strategy.kind) {
    case 'ALL_AT_ONCE':
      return strategy.waitSeconds;
    case 'CANARY':
      return strategy.bakeSeconds;
    case 'LINEAR':
      return strategy.intervalSeconds;
    case 'SHADOW':
    case 'AB':
      return 0;
  }
}

/**
 * How long both fleets run side by side during one blue/green rollout: every baking period, plus
 * the termination wait that keeps the old fleet after the last shift.
 */
export function blueGreenOverlapSeconds(strategy: RolloutStrategy, terminationWaitSeconds = 0): number {
  if (strategy.kind === 'SHADOW' || strategy.kind === 'AB') return 0;
  return trafficShiftCount(strategy) * bakeSecondsPerShift(strategy) + terminationWaitSeconds;
}

export function isBlueGreen(strategy: RolloutStrategy): boolean {
  return strategy.kind === 'ALL_AT_ONCE' || strategy.kind === 'CANARY' || strategy.kind === 'LINEAR';
}

export function isTrafficShifting(strategy: RolloutStrategy): boolean {
  return strategy.kind === 'CANARY' || strategy.kind === 'LINEAR';
}

import { type ScalingStore, targetKey } from './scalable-targets';

/** How Application Auto Scaling reads and sets a SageMaker variant's desired instance count. */
export interface VariantResizer {
  instanceCount(endpointName: string, variantName: string): number | undefined;
  setInstanceCount(endpointName: string, variantName: string, count: number): void;
}

interface Step {
  MetricIntervalLowerBound?: number;
  MetricIntervalUpperBound?: number;
  ScalingAdjustment: number;
}

const RESOURCE_ID = /^endpoint\/([^/]+)\/variant\/([^/]+)$/;

function adjusted(current: number, config: Record<string, unknown>, step: Step): number {
  const adjustment = step.ScalingAdjustment;
  switch (config.AdjustmentType) {
    case 'ExactCapacity':
      return adjustment;
    case 'PercentChangeInCapacity': {
      const change = Math.trunc((current * adjustment) / 100);
      const magnitude = typeof config.MinAdjustmentMagnitude === 'number' ? config.MinAdjustmentMagnitude : 0;
      const bounded = Math.abs(change) < magnitude ? Math.sign(adjustment) * magnitude : change;
      return current + bounded;
    }
    default:
      return current + adjustment;
  }
}

/**
 * Runs the step scaling policies an alarm names in its AlarmActions, as it goes into ALARM: each
 * sets its variant's desired instance count by its adjustment, within the target's min and max,
 * unless its cooldown since its last run has not passed. The sim does not keep the value that
 * breached, so it takes the breach as at the threshold: the step whose interval reaches 0 applies
 * (one starting at 0 for an alarm above its threshold, one ending at 0 for an alarm below it).
 * Returns the policies that changed a count.
 */
export function runStepPolicies(
  store: ScalingStore,
  resizer: VariantResizer,
  policyArns: string[],
  at: number,
): string[] {
  const ran: string[] = [];
  for (const policy of store.policies.values()) {
    if (policy.policyType !== 'StepScaling' || !policyArns.includes(policy.policyArn)) continue;
    const config = policy.stepScaling ?? {};
    const steps = (config.StepAdjustments ?? []) as Step[];
    const step = steps.find(
      (candidate) =>
        (candidate.MetricIntervalLowerBound ?? Number.NEGATIVE_INFINITY) <= 0 &&
        0 <= (candidate.MetricIntervalUpperBound ?? Number.POSITIVE_INFINITY),
    );
    const target = store.targets.get(
      targetKey(policy.serviceNamespace, policy.resourceId, policy.scalableDimension),
    );
    const match = RESOURCE_ID.exec(policy.resourceId);
    if (!step || !target || !match) continue;
    const lastRun = store.stepRuns.get(policy.policyArn);
    const cooldown = typeof config.Cooldown === 'number' ? config.Cooldown : 0;
    if (lastRun !== undefined && at < store.context.clock.after(cooldown, lastRun)) continue;
    const [, endpointName, variantName] = match as unknown as [string, string, string];
    const current = resizer.instanceCount(endpointName, variantName);
    if (current === undefined) continue;
    const desired = Math.min(
      target.maxCapacity,
      Math.max(target.minCapacity, adjusted(current, config, step)),
    );
    store.stepRuns.set(policy.policyArn, at);
    if (desired === current) continue;
    resizer.setInstanceCount(endpointName, variantName, desired);
    ran.push(policy.policyName);
  }
  return ran;
}

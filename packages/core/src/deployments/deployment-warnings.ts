import type { DeploymentSpec, RolloutStrategy } from '../schemas/deployment';
import { type DeploymentIssue, issue } from './deployment-issue';
import { isTrafficShifting } from './rollout-timing';
import { SAGEMAKER_LIMITS as L } from './sagemaker-limits';

/** The most instances of each type the deployment may run at once (autoscaling at its maximum). */
export function peakInstancesByType(spec: DeploymentSpec): Map<string, number> {
  const peak = new Map<string, number>();
  const add = (type: string, count: number) => peak.set(type, (peak.get(type) ?? 0) + count);
  switch (spec.type) {
    case 'SERVERLESS':
      break;
    case 'BATCH':
      add(spec.instanceType, spec.instanceCount);
      break;
    case 'REALTIME':
    case 'ASYNC': {
      const fleet = Math.max(spec.initialInstanceCount, spec.autoscaling?.maxInstances ?? 0);
      add(spec.instanceType, fleet);
      const strategy: RolloutStrategy = spec.strategy;
      if (strategy.kind === 'SHADOW') add(spec.instanceType, spec.initialInstanceCount);
      if (strategy.kind === 'AB')
        for (const variant of strategy.variants) add(variant.instanceType, variant.instanceCount);
      break;
    }
  }
  return peak;
}

function quotaField(spec: DeploymentSpec, type: string): string {
  if (spec.type === 'BATCH') return 'instanceCount';
  if (spec.type === 'SERVERLESS' || type !== spec.instanceType) return 'strategy.variants';
  return spec.autoscaling ? 'autoscaling.maxInstances' : 'initialInstanceCount';
}

function quotaWarnings(spec: DeploymentSpec): DeploymentIssue[] {
  const use = spec.type === 'BATCH' ? 'transform job' : 'endpoint';
  return [...peakInstancesByType(spec)]
    .filter(([, count]) => count > L.defaultInstanceQuotaPerType)
    .map(([type, count]) =>
      issue(
        quotaField(spec, type),
        'instance_quota',
        `This deployment may run ${count} ${type} instances: AWS accounts start with a per-type ${use} quota that is often ${L.defaultInstanceQuotaPerType} or fewer (a soft limit). Check Service Quotas and request an increase before deploying${use === 'endpoint' ? '; a blue/green update needs room for both fleets at once' : ''}.`,
      ),
    );
}

/**
 * What SageMaker would accept but the user should know before deploying: soft quotas, rollouts
 * nothing watches, settings SageMaker ignores. Shown beside the errors; never blocks a deploy.
 */
export function deploymentWarnings(spec: DeploymentSpec): DeploymentIssue[] {
  const warnings = quotaWarnings(spec);
  if (spec.type === 'REALTIME' || spec.type === 'ASYNC') {
    if (isTrafficShifting(spec.strategy) && !spec.rollsBackOnAlarm) {
      warnings.push(
        issue(
          'rollsBackOnAlarm',
          'no_rollback_alarms',
          'Auto-rollback is off: the rollout still bakes, but SageMaker rolls back only when a CloudWatch alarm trips, so nothing would stop a bad version from taking all traffic.',
        ),
      );
    }
    const scaling = spec.autoscaling;
    if (
      scaling &&
      (spec.initialInstanceCount < scaling.minInstances || spec.initialInstanceCount > scaling.maxInstances)
    ) {
      warnings.push(
        issue(
          'initialInstanceCount',
          'initial_count_outside_autoscaling',
          `The endpoint starts with ${spec.initialInstanceCount} instances, outside the autoscaling range ${scaling.minInstances}-${scaling.maxInstances}: autoscaling will move it into range soon after the endpoint is in service.`,
        ),
      );
    }
  }
  if (spec.type === 'SERVERLESS' && spec.strategy.kind === 'ALL_AT_ONCE' && spec.strategy.waitSeconds > 0) {
    warnings.push(
      issue(
        'strategy.waitSeconds',
        'bake_ignored',
        'Serverless endpoints do not bake: SageMaker deployment guardrails (and their baking periods) apply to real-time and asynchronous endpoints only, so the wait is ignored.',
      ),
    );
  }
  if (spec.type === 'BATCH') {
    if (spec.maxPayloadMb === 0) {
      warnings.push(
        issue(
          'maxPayloadMb',
          'chunked_payload',
          "A maximum payload of 0 streams each payload with HTTP chunked encoding: SageMaker's built-in algorithms do not support it, so your container must.",
        ),
      );
    }
    const input = spec.inputS3Uri.replace(/\/*$/, '/');
    if (spec.outputS3Uri.replace(/\/*$/, '/').startsWith(input)) {
      warnings.push(
        issue(
          'outputS3Uri',
          'output_inside_input',
          "The output location is inside the input location: the next run would read this run's results as input. Write outputs under another prefix.",
        ),
      );
    }
  }
  return warnings;
}

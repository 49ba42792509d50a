import type { Autoscaling, RolloutStrategy } from '../schemas/deployment';
import { checkInstanceType } from './check-instance-type';
import { type DeploymentIssue, issue } from './deployment-issue';
import { blueGreenOverlapSeconds, isTrafficShifting } from './rollout-timing';
import { SAGEMAKER_LIMITS as L } from './sagemaker-limits';

/** The endpoint a rollout strategy is checked against. */
export interface RolloutContext {
  endpointKind: 'REALTIME' | 'ASYNC' | 'SERVERLESS';
  modelVersionId: string;
  /** Absent for serverless endpoints. */
  instanceType?: string;
  terminationWaitSeconds?: number;
  maximumExecutionTimeoutSeconds?: number;
}

const WAIT_RANGE = `${L.waitIntervalSeconds.min}-${L.waitIntervalSeconds.max} s`;

function checkWait(field: string, label: string, seconds: number): DeploymentIssue[] {
  if (seconds <= L.waitIntervalSeconds.max) return [];
  return [
    issue(
      field,
      'bake_out_of_range',
      `${label} is ${seconds} s: SageMaker waits between traffic shifts for ${WAIT_RANGE} (WaitIntervalInSeconds), at most one hour.`,
    ),
  ];
}

function checkServerlessStrategy(strategy: RolloutStrategy): DeploymentIssue[] {
  switch (strategy.kind) {
    case 'CANARY':
    case 'LINEAR':
      return [
        issue(
          'strategy.kind',
          'traffic_shifting_unsupported',
          `Serverless endpoints cannot shift traffic ${strategy.kind === 'CANARY' ? 'as a canary' : 'linearly'}: SageMaker's deployment guardrails (canary, linear and rolling updates) work on real-time and asynchronous endpoints only. Deploy all at once, or choose a real-time endpoint.`,
        ),
      ];
    case 'SHADOW':
      return [
        issue(
          'strategy.kind',
          'shadow_unsupported',
          'Serverless endpoints cannot run a shadow variant: a SageMaker shadow test runs the production and the shadow variant on instances you choose. Deploy as a real-time endpoint to shadow this version.',
        ),
      ];
    case 'AB':
      return [
        issue(
          'strategy.kind',
          'multiple_variants_unsupported',
          'Serverless endpoints hold a single production variant: SageMaker serverless inference does not support multiple production variants, so traffic cannot be weighted between versions. Deploy as a real-time endpoint for an A/B test.',
        ),
      ];
    case 'ALL_AT_ONCE':
      return [];
  }
}

function checkAbVariants(strategy: Extract<RolloutStrategy, { kind: 'AB' }>, context: RolloutContext) {
  const issues: DeploymentIssue[] = [];
  const total = strategy.variants.length + 1;
  if (total > L.productionVariantsMax) {
    issues.push(
      issue(
        'strategy.variants',
        'too_many_variants',
        `An A/B test here has ${total} production variants (this version and ${strategy.variants.length} others): SageMaker allows at most ${L.productionVariantsMax} on one endpoint.`,
      ),
    );
  }
  if (!(strategy.primaryWeight > 0)) {
    issues.push(
      issue(
        'strategy.primaryWeight',
        'variant_weight_not_positive',
        `The weight of this version is ${strategy.primaryWeight}: every A/B variant needs a weight above 0, or it receives no traffic and the test compares nothing.`,
      ),
    );
  }
  strategy.variants.forEach((variant, index) => {
    const field = `strategy.variants.${index}`;
    if (!(variant.weight > 0)) {
      issues.push(
        issue(
          `${field}.weight`,
          'variant_weight_not_positive',
          `Variant ${index + 1} has weight ${variant.weight}: every A/B variant needs a weight above 0, or it receives no traffic and the test compares nothing.`,
        ),
      );
    }
    if (variant.modelVersionId === context.modelVersionId) {
      issues.push(
        issue(
          `${field}.modelVersionId`,
          'variant_duplicates_version',
          `Variant ${index + 1} runs the version being deployed: an A/B test compares different model versions.`,
        ),
      );
    }
    issues.push(
      ...checkInstanceType(`${field}.instanceType`, variant.instanceType, 'ENDPOINT', 'an A/B variant'),
    );
  });
  return issues;
}

function checkGuardrailTimes(strategy: RolloutStrategy, context: RolloutContext): DeploymentIssue[] {
  const issues: DeploymentIssue[] = [];
  const termination = context.terminationWaitSeconds;
  if (termination !== undefined && termination > L.terminationWaitSeconds.max) {
    issues.push(
      issue(
        'terminationWaitSeconds',
        'termination_wait_out_of_range',
        `The old fleet would wait ${termination} s before termination: SageMaker allows ${L.terminationWaitSeconds.min}-${L.terminationWaitSeconds.max} s (TerminationWaitInSeconds).`,
      ),
    );
  }
  const timeout = context.maximumExecutionTimeoutSeconds;
  if (timeout === undefined) return issues;
  const { min, max } = L.maximumExecutionTimeoutSeconds;
  if (timeout < min || timeout > max) {
    issues.push(
      issue(
        'maximumExecutionTimeoutSeconds',
        'timeout_out_of_range',
        `The deployment timeout is ${timeout} s: SageMaker accepts ${min}-${max} s (10 minutes to 8 hours, MaximumExecutionTimeoutInSeconds).`,
      ),
    );
    return issues;
  }
  const waiting = blueGreenOverlapSeconds(strategy, termination ?? 0);
  if (timeout <= waiting) {
    issues.push(
      issue(
        'maximumExecutionTimeoutSeconds',
        'timeout_shorter_than_bake',
        `The deployment timeout (${timeout} s) is not longer than its baking and termination waits (${waiting} s): SageMaker needs the timeout to exceed the total waiting time, or the rollout times out and rolls back.`,
      ),
    );
  }
  return issues;
}

/** What SageMaker refuses in a rollout strategy on this kind of endpoint. */
export function checkRolloutStrategy(strategy: RolloutStrategy, context: RolloutContext): DeploymentIssue[] {
  if (context.endpointKind === 'SERVERLESS') return checkServerlessStrategy(strategy);
  const issues: DeploymentIssue[] = [];
  switch (strategy.kind) {
    case 'ALL_AT_ONCE':
      issues.push(...checkWait('strategy.waitSeconds', 'The final bake time', strategy.waitSeconds));
      break;
    case 'CANARY':
      if (strategy.canaryPercent > L.canaryMaxPercent) {
        issues.push(
          issue(
            'strategy.canaryPercent',
            'canary_too_large',
            `A ${strategy.canaryPercent}% canary is too large: SageMaker requires the canary to be at most ${L.canaryMaxPercent}% of the new fleet's capacity (CanarySize).`,
          ),
        );
      }
      issues.push(...checkWait('strategy.bakeSeconds', 'The canary bake time', strategy.bakeSeconds));
      break;
    case 'LINEAR': {
      const { min, max } = L.linearStepPercent;
      if (strategy.stepPercent < min || strategy.stepPercent > max) {
        issues.push(
          issue(
            'strategy.stepPercent',
            'linear_step_out_of_range',
            `A linear step of ${strategy.stepPercent}% is outside what SageMaker allows: each step must be ${min}-${max}% of the new fleet's capacity (LinearStepSize).`,
          ),
        );
      }
      issues.push(
        ...checkWait('strategy.intervalSeconds', 'The linear step interval', strategy.intervalSeconds),
      );
      break;
    }
    case 'SHADOW':
      if (strategy.days > L.shadowMaxDays) {
        issues.push(
          issue(
            'strategy.days',
            'shadow_too_long',
            `A ${strategy.days}-day shadow test is too long: SageMaker runs a shadow test for at most ${L.shadowMaxDays} days.`,
          ),
        );
      }
      break;
    case 'AB':
      issues.push(...checkAbVariants(strategy, context));
      break;
  }
  if (isTrafficShifting(strategy) && context.instanceType?.startsWith('ml.inf1.')) {
    issues.push(
      issue(
        'strategy.kind',
        'guardrails_unsupported_instance',
        `Inf1 (Inferentia) endpoints cannot shift traffic gradually: SageMaker silently falls back to all-at-once with no final bake on ${context.instanceType}. Choose all at once, or an Inf2 or GPU instance for a ${strategy.kind === 'CANARY' ? 'canary' : 'linear'} rollout.`,
      ),
    );
  }
  issues.push(...checkGuardrailTimes(strategy, context));
  return issues;
}

/** What SageMaker (and Application Auto Scaling) refuse in an autoscaling range. */
export function checkAutoscaling(
  autoscaling: Autoscaling,
  endpointKind: 'REALTIME' | 'ASYNC',
): DeploymentIssue[] {
  const issues: DeploymentIssue[] = [];
  if (autoscaling.minInstances > autoscaling.maxInstances) {
    issues.push(
      issue(
        'autoscaling.minInstances',
        'autoscaling_min_above_max',
        `Minimum instances (${autoscaling.minInstances}) is above maximum instances (${autoscaling.maxInstances}): autoscaling needs minimum <= maximum.`,
      ),
    );
  }
  if (endpointKind === 'REALTIME' && autoscaling.minInstances === 0) {
    issues.push(
      issue(
        'autoscaling.minInstances',
        'realtime_cannot_scale_to_zero',
        'A real-time endpoint keeps at least 1 instance: only asynchronous endpoints scale to zero. Set minimum instances to 1 or more.',
      ),
    );
  }
  return issues;
}

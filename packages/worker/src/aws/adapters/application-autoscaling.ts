import {
  type ApplicationAutoScalingClient,
  DeleteScalingPolicyCommand,
  DeregisterScalableTargetCommand,
  DescribeScalableTargetsCommand,
  PutScalingPolicyCommand,
  RegisterScalableTargetCommand,
  type ScalableTarget,
} from '@aws-sdk/client-application-auto-scaling';
import type { AwsCallTarget } from '../audited-call';
import { type AdapterContext, orNullIfNotFound, required } from './adapter-support';

type AutoScaling = AdapterContext<ApplicationAutoScalingClient>;

const VARIANT = {
  ServiceNamespace: 'sagemaker',
  ScalableDimension: 'sagemaker:variant:DesiredInstanceCount',
} as const;

/** Application Auto Scaling's id for a SageMaker production variant. */
export function variantResourceId(endpointName: string, variantName: string): string {
  return `endpoint/${endpointName}/variant/${variantName}`;
}

function target(operation: string, resourceType: string, resourceId: string | null): AwsCallTarget {
  return { service: 'application-autoscaling', operation, resourceType, resourceId };
}

export interface VariantScalingInput {
  endpointName: string;
  variantName: string;
  minCapacity: number;
  maxCapacity: number;
  /** Derived from the deployment id: a replay puts the same policy again instead of adding one. */
  policyName: string;
  /** Invocations per instance per minute that the policy keeps the variant at. */
  targetInvocationsPerInstance: number;
  scaleInCooldownSeconds: number;
  scaleOutCooldownSeconds: number;
}

/**
 * RegisterScalableTarget then PutScalingPolicy (target tracking on SageMakerVariantInvocationsPerInstance)
 * for one instance-based variant. Both calls create or update in place, so a replay is harmless.
 */
export async function putVariantScaling(ctx: AutoScaling, input: VariantScalingInput) {
  const resourceId = variantResourceId(input.endpointName, input.variantName);
  const registered = await ctx.call(
    target('RegisterScalableTarget', 'application-autoscaling:scalable-target', resourceId),
    () =>
      ctx.client.send(
        new RegisterScalableTargetCommand({
          ...VARIANT,
          ResourceId: resourceId,
          MinCapacity: input.minCapacity,
          MaxCapacity: input.maxCapacity,
        }),
      ),
  );
  const policy = await ctx.call(
    target('PutScalingPolicy', 'application-autoscaling:scaling-policy', `${resourceId}/${input.policyName}`),
    () =>
      ctx.client.send(
        new PutScalingPolicyCommand({
          ...VARIANT,
          ResourceId: resourceId,
          PolicyName: input.policyName,
          PolicyType: 'TargetTrackingScaling',
          TargetTrackingScalingPolicyConfiguration: {
            TargetValue: input.targetInvocationsPerInstance,
            PredefinedMetricSpecification: { PredefinedMetricType: 'SageMakerVariantInvocationsPerInstance' },
            ScaleInCooldown: input.scaleInCooldownSeconds,
            ScaleOutCooldown: input.scaleOutCooldownSeconds,
          },
        }),
      ),
  );
  return {
    resourceId,
    scalableTargetArn: registered.ScalableTargetARN ?? null,
    policyArn: required(policy.PolicyARN, 'PolicyARN'),
  };
}

export interface VariantStepScalingInput {
  endpointName: string;
  variantName: string;
  policyName: string;
  /** Instances added each time the policy runs. */
  instancesAdded: number;
  cooldownSeconds: number;
}

/**
 * PutScalingPolicy of type StepScaling on a registered variant: adds instances whenever an alarm
 * naming the returned ARN in its AlarmActions is in ALARM (any breach of its threshold). Replaces
 * a policy of the same name, so a replay is harmless.
 */
export async function putVariantStepScaling(ctx: AutoScaling, input: VariantStepScalingInput) {
  const resourceId = variantResourceId(input.endpointName, input.variantName);
  const policy = await ctx.call(
    target('PutScalingPolicy', 'application-autoscaling:scaling-policy', `${resourceId}/${input.policyName}`),
    () =>
      ctx.client.send(
        new PutScalingPolicyCommand({
          ...VARIANT,
          ResourceId: resourceId,
          PolicyName: input.policyName,
          PolicyType: 'StepScaling',
          StepScalingPolicyConfiguration: {
            AdjustmentType: 'ChangeInCapacity',
            MetricAggregationType: 'Average',
            Cooldown: input.cooldownSeconds,
            StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: input.instancesAdded }],
          },
        }),
      ),
  );
  return { resourceId, policyArn: required(policy.PolicyARN, 'PolicyARN') };
}

/** DeleteScalingPolicy on one variant; a policy (or target) already gone answers false. */
export async function deleteVariantScalingPolicy(
  ctx: AutoScaling,
  input: { endpointName: string; variantName: string; policyName: string },
): Promise<boolean> {
  const resourceId = variantResourceId(input.endpointName, input.variantName);
  const done = await orNullIfNotFound(() =>
    ctx.call(
      target(
        'DeleteScalingPolicy',
        'application-autoscaling:scaling-policy',
        `${resourceId}/${input.policyName}`,
      ),
      () =>
        ctx.client.send(
          new DeleteScalingPolicyCommand({
            ...VARIANT,
            ResourceId: resourceId,
            PolicyName: input.policyName,
          }),
        ),
    ),
  );
  return done !== null;
}

/** DeregisterScalableTarget for one variant (its policies go with it); already gone answers false. */
export async function deregisterVariantScaling(ctx: AutoScaling, resourceId: string): Promise<boolean> {
  const done = await orNullIfNotFound(() =>
    ctx.call(target('DeregisterScalableTarget', 'application-autoscaling:scalable-target', resourceId), () =>
      ctx.client.send(new DeregisterScalableTargetCommand({ ...VARIANT, ResourceId: resourceId })),
    ),
  );
  return done !== null;
}

/** The endpoint's variants registered as scalable targets (every page of DescribeScalableTargets). */
export async function describeEndpointScalableTargets(
  ctx: AutoScaling,
  endpointName: string,
): Promise<ScalableTarget[]> {
  const prefix = `endpoint/${endpointName}/variant/`;
  const found: ScalableTarget[] = [];
  let nextToken: string | undefined;
  do {
    const output = await ctx.call(
      target('DescribeScalableTargets', 'application-autoscaling:scalable-target', prefix),
      () =>
        ctx.client.send(
          new DescribeScalableTargetsCommand({ ...VARIANT, NextToken: nextToken, MaxResults: 50 }),
        ),
    );
    for (const scalable of output.ScalableTargets ?? []) {
      if (scalable.ResourceId?.startsWith(prefix)) found.push(scalable);
    }
    nextToken = output.NextToken;
  } while (nextToken);
  return found;
}

/**
 * DeregisterScalableTarget for each of the endpoint's registered variants; AWS deletes their
 * scaling policies with them. A target already gone counts as deregistered. Returns the ids removed.
 */
export async function deregisterEndpointScaling(ctx: AutoScaling, endpointName: string): Promise<string[]> {
  const removed: string[] = [];
  for (const scalable of await describeEndpointScalableTargets(ctx, endpointName)) {
    const resourceId = required(scalable.ResourceId, 'ScalableTargets.ResourceId');
    if (await deregisterVariantScaling(ctx, resourceId)) removed.push(resourceId);
  }
  return removed;
}

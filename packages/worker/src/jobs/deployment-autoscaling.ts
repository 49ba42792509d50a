import { compactId } from '@cairn/core/aws-names';
import type { PrismaClient } from '@cairn/db/client';
import type { Deployment } from '@cairn/db/generated/prisma/client';
import {
  deleteVariantScalingPolicy,
  deregisterEndpointScaling,
  deregisterVariantScaling,
  describeEndpointScalableTargets,
  putVariantScaling,
  variantResourceId,
} from '../aws/adapters/application-autoscaling';
import { describeEndpointConfigVariants } from '../aws/adapters/sagemaker-endpoints';
import { classifyAwsError } from '../aws/aws-errors';
import { storedSpec } from './deployment-aws';
import { putScaleFromZero, removeScaleFromZero } from './deployment-scale-from-zero';
import type { TeamAws } from './team-aws';

type Scaled = Pick<
  Deployment,
  'id' | 'type' | 'spec' | 'awsResourceName' | 'endpointConfigName' | 'previousDeploymentId'
>;

/** One policy per deployment and variant target, named from the deployment: a replay puts the same one. */
export function scalingPolicyName(deploymentId: string): string {
  return `cairn-scaling-${compactId(deploymentId)}`;
}

const VARIANT_ID = /^endpoint\/[^/]+\/variant\/([^/]+)$/;

async function registeredVariants(aws: TeamAws, endpointName: string): Promise<string[]> {
  const targets = await describeEndpointScalableTargets(
    { client: aws.clients.autoscaling, call: aws.call },
    endpointName,
  );
  return targets.flatMap((target) => VARIANT_ID.exec(target.ResourceId ?? '')?.[1] ?? []);
}

/**
 * A deployment that supersedes another on the same endpoint (an update, or a rollback to an
 * earlier config) takes over its scaling: the previous deployment's policies (target tracking and
 * step) come off the registered variants, its backlog alarm is deleted, and the registered variants
 * this deployment does not scale itself are deregistered. Returns what changed, or null.
 */
async function releasePreviousScaling(
  aws: TeamAws,
  deployment: Scaled & { previousDeploymentId: string },
  keptVariants: string[],
): Promise<string | null> {
  const autoscaling = { client: aws.clients.autoscaling, call: aws.call };
  const previous = { id: deployment.previousDeploymentId, awsResourceName: deployment.awsResourceName };
  const registered = await registeredVariants(aws, deployment.awsResourceName);
  const removedFrom: string[] = [];
  const deregistered: string[] = [];
  for (const variantName of registered) {
    if (!keptVariants.includes(variantName)) {
      const resourceId = variantResourceId(deployment.awsResourceName, variantName);
      if (await deregisterVariantScaling(autoscaling, resourceId)) deregistered.push(variantName);
      continue;
    }
    const removed = await deleteVariantScalingPolicy(autoscaling, {
      endpointName: deployment.awsResourceName,
      variantName,
      policyName: scalingPolicyName(previous.id),
    });
    if (removed) removedFrom.push(variantName);
  }
  await removeScaleFromZero(
    aws,
    previous,
    keptVariants.filter((name) => registered.includes(name)),
  );
  const previousLabel = `deployment ${previous.id.slice(0, 8)}`;
  const lines = [
    removedFrom.length > 0
      ? `${previousLabel}'s scaling policy removed from ${removedFrom.join(', ')}`
      : null,
    deregistered.length > 0 ? `${deregistered.join(', ')} no longer autoscaled` : null,
  ].filter((line): line is string => line !== null);
  return lines.length > 0 ? `Autoscaling: ${lines.join('; ')}` : null;
}

/**
 * Applies the deployment's autoscaling to its endpoint once it is in service: registers each
 * instance-based production variant as a scalable target and puts a target-tracking policy on
 * invocations per instance; an asynchronous endpoint that scales to zero also gets a step policy
 * and a backlog alarm to start it from zero. A deployment that supersedes another first takes over
 * (or removes) the previous deployment's scaling. Returns a line for the timeline, or null when
 * there was nothing to do. A refusal AWS will repeat (validation) is reported in that line rather
 * than failing a deployment that serves; anything retryable is thrown so the job tries again.
 */
export async function applyAutoscaling(aws: TeamAws, deployment: Scaled): Promise<string | null> {
  const spec = storedSpec(deployment);
  if (spec.type === 'BATCH' || !deployment.endpointConfigName) return null;
  const autoscaling = spec.type === 'REALTIME' || spec.type === 'ASYNC' ? spec.autoscaling : undefined;
  const { previousDeploymentId } = deployment;
  if (!autoscaling && !previousDeploymentId) return null;
  try {
    const variants = await describeEndpointConfigVariants(
      { client: aws.clients.sagemaker, call: aws.call },
      deployment.endpointConfigName,
    );
    const scaled = autoscaling
      ? variants
          .filter((variant) => variant.InstanceType && !variant.ServerlessConfig)
          .map((variant) => variant.VariantName as string)
      : [];
    const lines: string[] = [];
    if (previousDeploymentId) {
      const released = await releasePreviousScaling(aws, { ...deployment, previousDeploymentId }, scaled);
      if (released) lines.push(released);
    }
    if (autoscaling) lines.push(await scaleVariants(aws, deployment, scaled));
    return lines.length > 0 ? lines.join('. ') : null;
  } catch (error) {
    const failure = classifyAwsError(error);
    if (failure.kind === 'retryable') throw error;
    return `Autoscaling not applied: ${failure.code}: ${failure.message}`;
  }
}

async function scaleVariants(aws: TeamAws, deployment: Scaled, variantNames: string[]): Promise<string> {
  const spec = storedSpec(deployment);
  if ((spec.type !== 'REALTIME' && spec.type !== 'ASYNC') || !spec.autoscaling) {
    throw new Error('scaleVariants takes a deployment whose spec asks for autoscaling');
  }
  const { autoscaling } = spec;
  // Only asynchronous endpoints may scale to zero; a real-time variant keeps at least one instance.
  const scalesToZero = spec.type === 'ASYNC' && spec.scalesToZero;
  const minCapacity = scalesToZero ? 0 : Math.max(spec.type === 'ASYNC' ? 0 : 1, autoscaling.minInstances);
  const maxCapacity = Math.max(minCapacity, autoscaling.maxInstances);
  for (const variantName of variantNames) {
    await putVariantScaling(
      { client: aws.clients.autoscaling, call: aws.call },
      {
        endpointName: deployment.awsResourceName,
        variantName,
        minCapacity,
        maxCapacity,
        policyName: scalingPolicyName(deployment.id),
        targetInvocationsPerInstance: autoscaling.targetInvocationsPerInstance,
        scaleInCooldownSeconds: autoscaling.scaleInCooldownSeconds,
        scaleOutCooldownSeconds: autoscaling.scaleOutCooldownSeconds,
      },
    );
  }
  const line = `Autoscaling ${variantNames.join(', ')}: ${minCapacity}-${maxCapacity} instances at ${autoscaling.targetInvocationsPerInstance} invocations per instance per minute`;
  if (!scalesToZero || variantNames.length === 0 || maxCapacity === 0) return line;
  const { alarmName } = await putScaleFromZero(
    aws,
    deployment,
    variantNames,
    autoscaling.scaleOutCooldownSeconds,
  );
  return `${line}; from zero, alarm ${alarmName} on HasBacklogWithoutCapacity adds one instance`;
}

/**
 * Takes the endpoint's variants out of autoscaling (their policies go with them) and deletes the
 * deployment's backlog alarm; gone counts as done.
 */
export async function removeAutoscaling(
  aws: TeamAws,
  deployment: Pick<Deployment, 'id' | 'awsResourceName'>,
) {
  const removed = await deregisterEndpointScaling(
    { client: aws.clients.autoscaling, call: aws.call },
    deployment.awsResourceName,
  );
  await removeScaleFromZero(aws, deployment, []);
  return removed;
}

/**
 * After SageMaker rolled an update back, the endpoint runs the previous deployment's config again:
 * its autoscaling is put back (whatever the update paused or took over). Returns the timeline line.
 */
export async function restoreScalingAfterRollback(
  aws: TeamAws,
  db: PrismaClient,
  deployment: { previousDeploymentId: string | null },
): Promise<string | null> {
  if (!deployment.previousDeploymentId) return null;
  const previous = await db.deployment.findUnique({ where: { id: deployment.previousDeploymentId } });
  if (!previous) return null;
  // The previous deployment's scaling is restored as it was put, not handed over again.
  return applyAutoscaling(aws, { ...previous, previousDeploymentId: null });
}

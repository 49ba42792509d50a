import { compactId } from '@cairn/core/aws-names';
import type { Deployment } from '@cairn/db/generated/prisma/client';
import { deregisterEndpointScaling, putVariantScaling } from '../aws/adapters/application-autoscaling';
import { describeEndpointConfigVariants } from '../aws/adapters/sagemaker-endpoints';
import { classifyAwsError } from '../aws/aws-errors';
import { storedSpec } from './deployment-aws';
import type { TeamAws } from './team-aws';

type Scaled = Pick<Deployment, 'id' | 'type' | 'spec' | 'awsResourceName' | 'endpointConfigName'>;

/** One policy per deployment and variant target, named from the deployment: a replay puts the same one. */
export function scalingPolicyName(deploymentId: string): string {
  return `cairn-scaling-${compactId(deploymentId)}`;
}

/**
 * Applies the deployment's autoscaling to its endpoint once it is in service: registers each
 * instance-based production variant as a scalable target and puts a target-tracking policy on
 * invocations per instance. Returns a line for the timeline, or null when the spec asks for none.
 * A refusal AWS will repeat (validation) is reported in that line rather than failing a deployment
 * that serves; anything retryable is thrown so the job tries again.
 */
export async function applyAutoscaling(aws: TeamAws, deployment: Scaled): Promise<string | null> {
  const spec = storedSpec(deployment);
  if ((spec.type !== 'REALTIME' && spec.type !== 'ASYNC') || !spec.autoscaling) return null;
  if (!deployment.endpointConfigName) return null;
  const { autoscaling } = spec;
  // Only asynchronous endpoints may scale to zero; a real-time variant keeps at least one instance.
  const minCapacity =
    spec.type === 'ASYNC' && spec.scalesToZero
      ? 0
      : Math.max(spec.type === 'ASYNC' ? 0 : 1, autoscaling.minInstances);
  const maxCapacity = Math.max(minCapacity, autoscaling.maxInstances);
  try {
    const variants = await describeEndpointConfigVariants(
      { client: aws.clients.sagemaker, call: aws.call },
      deployment.endpointConfigName,
    );
    const scaled = variants.filter((variant) => variant.InstanceType && !variant.ServerlessConfig);
    for (const variant of scaled) {
      await putVariantScaling(
        { client: aws.clients.autoscaling, call: aws.call },
        {
          endpointName: deployment.awsResourceName,
          variantName: variant.VariantName as string,
          minCapacity,
          maxCapacity,
          policyName: scalingPolicyName(deployment.id),
          targetInvocationsPerInstance: autoscaling.targetInvocationsPerInstance,
          scaleInCooldownSeconds: autoscaling.scaleInCooldownSeconds,
          scaleOutCooldownSeconds: autoscaling.scaleOutCooldownSeconds,
        },
      );
    }
    const names = scaled.map((variant) => variant.VariantName).join(', ');
    return `Autoscaling ${names}: ${minCapacity}-${maxCapacity} instances at ${autoscaling.targetInvocationsPerInstance} invocations per instance per minute`;
  } catch (error) {
    const failure = classifyAwsError(error);
    if (failure.kind === 'retryable') throw error;
    return `Autoscaling not applied: ${failure.code}: ${failure.message}`;
  }
}

/** Takes the endpoint's variants out of autoscaling (their policies go with them); gone counts as done. */
export function removeAutoscaling(aws: TeamAws, deployment: Pick<Deployment, 'awsResourceName'>) {
  return deregisterEndpointScaling(
    { client: aws.clients.autoscaling, call: aws.call },
    deployment.awsResourceName,
  );
}

import {
  deregisterVariantScaling,
  describeEndpointScalableTargets,
} from '../aws/adapters/application-autoscaling';
import { describeEndpoint, describeEndpointConfigVariants } from '../aws/adapters/sagemaker-endpoints';
import type { TeamAws } from './team-aws';

const VARIANT_ID = /^endpoint\/[^/]+\/variant\/([^/]+)$/;

/**
 * SageMaker refuses an UpdateEndpoint that removes a variant registered for autoscaling or changes
 * its instance type (a new model alone is allowed): such variants must be deregistered first. This
 * deregisters exactly those, before the update; the deployment's own autoscaling registers them
 * again once it is in service, and a rolled-back update gets the previous deployment's back.
 * Returns the variants deregistered.
 */
export async function pauseScalingForUpdate(
  aws: TeamAws,
  endpointName: string,
  nextConfigName: string,
): Promise<string[]> {
  const autoscaling = { client: aws.clients.autoscaling, call: aws.call };
  const sagemaker = { client: aws.clients.sagemaker, call: aws.call };
  const targets = await describeEndpointScalableTargets(autoscaling, endpointName);
  if (targets.length === 0) return [];
  const endpoint = await describeEndpoint(sagemaker, endpointName);
  if (!endpoint?.endpointConfigName) return [];
  const current = await describeEndpointConfigVariants(sagemaker, endpoint.endpointConfigName);
  const next = await describeEndpointConfigVariants(sagemaker, nextConfigName);
  const paused: string[] = [];
  for (const target of targets) {
    const variantName = VARIANT_ID.exec(target.ResourceId ?? '')?.[1];
    if (!variantName) continue;
    const before = current.find((variant) => variant.VariantName === variantName);
    const after = next.find((variant) => variant.VariantName === variantName);
    if (after && after.InstanceType === before?.InstanceType) continue;
    if (await deregisterVariantScaling(autoscaling, target.ResourceId as string)) paused.push(variantName);
  }
  return paused;
}

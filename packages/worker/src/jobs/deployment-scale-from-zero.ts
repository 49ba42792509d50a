import { awsResourceName, clientRequestToken, compactId } from '@cairn/core/aws-names';
import { deleteVariantScalingPolicy, putVariantStepScaling } from '../aws/adapters/application-autoscaling';
import { deleteAlarms, type MetricAlarmInput, putMetricAlarm } from '../aws/adapters/cloudwatch';
import type { TeamAws } from './team-aws';

/**
 * Target tracking on invocations per instance cannot start an asynchronous endpoint that has no
 * instances (there are no invocations per instance to track). AWS's pattern for that: a step policy
 * adding one instance, run by a CloudWatch alarm on HasBacklogWithoutCapacity (requests queued
 * while the endpoint has no instance).
 */
const BACKLOG_METRIC = 'HasBacklogWithoutCapacity';
const ALARM_PERIOD_SECONDS = 60;

/** The step policy's name on each variant, from the deployment: a replay puts the same one. */
export function scaleFromZeroPolicyName(deploymentId: string): string {
  return `cairn-scale-from-zero-${compactId(deploymentId)}`;
}

function alarmId(deploymentId: string): string {
  return clientRequestToken('deployment-scale-from-zero-alarm', deploymentId);
}

/** The CloudWatch alarm that runs the deployment's step policies. */
export function scaleFromZeroAlarmName(deploymentId: string): string {
  return awsResourceName('alarm', alarmId(deploymentId));
}

/** The alarm on the endpoint's backlog without capacity, whose action is the given step policies. */
export function scaleFromZeroAlarm(
  deploymentId: string,
  endpointName: string,
  policyArns: string[],
): MetricAlarmInput {
  return {
    alarmId: alarmId(deploymentId),
    description: `Starts ${endpointName} from zero instances when requests wait with no instance to take them`,
    namespace: 'AWS/SageMaker',
    metricName: BACKLOG_METRIC,
    dimensions: { EndpointName: endpointName },
    statistic: 'Average',
    periodSeconds: ALARM_PERIOD_SECONDS,
    evaluationPeriods: 1,
    threshold: 1,
    comparison: 'GreaterThanOrEqualToThreshold',
    treatMissingData: 'missing',
    alarmActions: policyArns,
    // Not `cairn:deployment`: that tag marks a deployment's rollback alarms.
    tags: { 'cairn:scale-from-zero': deploymentId },
  };
}

/**
 * Puts a step policy (one more instance) on each variant, already registered for autoscaling, and
 * the backlog alarm that runs them. Both replace in place, so a replay is harmless.
 */
export async function putScaleFromZero(
  aws: TeamAws,
  deployment: { id: string; awsResourceName: string },
  variantNames: string[],
  cooldownSeconds: number,
): Promise<{ alarmName: string; policyArns: string[] }> {
  const autoscaling = { client: aws.clients.autoscaling, call: aws.call };
  const policyArns: string[] = [];
  for (const variantName of variantNames) {
    const { policyArn } = await putVariantStepScaling(autoscaling, {
      endpointName: deployment.awsResourceName,
      variantName,
      policyName: scaleFromZeroPolicyName(deployment.id),
      instancesAdded: 1,
      cooldownSeconds,
    });
    policyArns.push(policyArn);
  }
  const { alarmName } = await putMetricAlarm(
    { client: aws.clients.cloudwatch, call: aws.call },
    scaleFromZeroAlarm(deployment.id, deployment.awsResourceName, policyArns),
  );
  return { alarmName, policyArns };
}

/** Deletes the deployment's backlog alarm and, on the variants named, its step policies; gone counts as done. */
export async function removeScaleFromZero(
  aws: TeamAws,
  deployment: { id: string; awsResourceName: string },
  variantNames: string[],
): Promise<void> {
  await deleteAlarms({ client: aws.clients.cloudwatch, call: aws.call }, [
    scaleFromZeroAlarmName(deployment.id),
  ]);
  for (const variantName of variantNames) {
    await deleteVariantScalingPolicy(
      { client: aws.clients.autoscaling, call: aws.call },
      {
        endpointName: deployment.awsResourceName,
        variantName,
        policyName: scaleFromZeroPolicyName(deployment.id),
      },
    );
  }
}

import { awsResourceName, clientRequestToken } from '@cairn/core/aws-names';
import { putMetricAlarm } from '../aws/adapters/cloudwatch';
import type { DeploymentTarget } from './deployment-aws';
import type { TeamAws } from './team-aws';

/** The alarms that roll an update back: 5xx errors and p99 model latency on the endpoint. */
export function rollbackAlarmNames(deploymentId: string): string[] {
  return [alarmId(deploymentId, 'errors'), alarmId(deploymentId, 'latency')].map((id) =>
    awsResourceName('alarm', id),
  );
}

function alarmId(deploymentId: string, kind: 'errors' | 'latency') {
  return clientRequestToken(`deployment-rollback-alarm-${kind}`, deploymentId);
}

// SageMaker reports ModelLatency in microseconds.
const P99_LATENCY_LIMIT_MICROS = 1_000_000;
const ERRORS_PER_MINUTE_LIMIT = 5;

/** Creates (or replaces) the deployment's rollback alarms on the endpoint variant; answers their names. */
export async function putRollbackAlarms(aws: TeamAws, deployment: DeploymentTarget, variantName: string) {
  const ctx = { client: aws.clients.cloudwatch, call: aws.call };
  const dimensions = { EndpointName: deployment.awsResourceName, VariantName: variantName };
  const common = {
    namespace: 'AWS/SageMaker',
    dimensions,
    periodSeconds: 60,
    evaluationPeriods: 1,
    treatMissingData: 'notBreaching' as const,
    tags: { 'cairn:deployment': deployment.id },
  };
  await putMetricAlarm(ctx, {
    ...common,
    alarmId: alarmId(deployment.id, 'errors'),
    description: `Cairn rolls back deployment ${deployment.id} above ${ERRORS_PER_MINUTE_LIMIT} 5xx errors a minute`,
    metricName: 'Invocation5XXErrors',
    statistic: 'Sum',
    threshold: ERRORS_PER_MINUTE_LIMIT,
    comparison: 'GreaterThanThreshold',
  });
  await putMetricAlarm(ctx, {
    ...common,
    alarmId: alarmId(deployment.id, 'latency'),
    description: `Cairn rolls back deployment ${deployment.id} when p99 model latency passes 1 s`,
    metricName: 'ModelLatency',
    extendedStatistic: 'p99',
    threshold: P99_LATENCY_LIMIT_MICROS,
    comparison: 'GreaterThanThreshold',
  });
  return rollbackAlarmNames(deployment.id);
}

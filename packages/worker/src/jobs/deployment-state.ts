import type { PrismaClient } from '@cairn/db/client';
import type { Deployment } from '@cairn/db/generated/prisma/client';
import type { DeploymentStateChange } from '@cairn/services/deployments/record-deployment-state';
import { deleteAlarms } from '../aws/adapters/cloudwatch';
import { deleteEndpoint, describeEndpoint, type EndpointState } from '../aws/adapters/sagemaker-endpoints';
import { describeTransformJob, stopTransformJob } from '../aws/adapters/sagemaker-jobs';
import { deploymentAlarmNames, firingRollbackAlarms } from './deployment-alarms';
import { removeAutoscaling } from './deployment-autoscaling';
import { scaleFromZeroAlarmName } from './deployment-scale-from-zero';
import type { TeamAws } from './team-aws';

/** What one look at AWS found: the change to record (if any) and whether watching can stop. */
export interface Observation {
  change: DeploymentStateChange | null;
  isSettled: boolean;
}

type Watched = Pick<Deployment, 'id' | 'type' | 'status' | 'awsResourceName' | 'endpointConfigName'>;

const settled = (change: DeploymentStateChange): Observation => ({ change, isSettled: true });
const going = (change: DeploymentStateChange | null): Observation => ({ change, isSettled: false });

/** Reads the deployment's endpoint or transform job and says what it means for the deployment. */
export function observeDeployment(aws: TeamAws, deployment: Watched): Promise<Observation> {
  return deployment.type === 'BATCH' ? observeTransform(aws, deployment) : observeEndpoint(aws, deployment);
}

async function observeTransform(aws: TeamAws, deployment: Watched): Promise<Observation> {
  const job = await describeTransformJob(
    { client: aws.clients.sagemaker, call: aws.call },
    deployment.awsResourceName,
  );
  if (!job)
    return settled({ status: 'FAILED', statusReason: 'The transform job no longer exists in SageMaker' });
  const awsStatus = job.status;
  switch (job.status) {
    case 'Completed':
      return settled({ status: 'SUCCEEDED', awsStatus, detail: 'Transform job completed' });
    case 'Failed':
      return settled({
        status: 'FAILED',
        awsStatus,
        statusReason: job.failureReason ?? 'The transform job failed',
      });
    case 'Stopping':
    case 'Stopped':
      return settled({
        status: 'FAILED',
        awsStatus,
        statusReason: 'The transform job was stopped outside Cairn',
      });
    default:
      return going({ status: 'CREATING', awsStatus });
  }
}

// SageMaker's wording before the reason of an automatic rollback; Cairn says it its own way.
const ROLLED_BACK_PREFIX = /^update rolled back:\s*/i;

async function rollbackReason(aws: TeamAws, deployment: Watched, endpoint: EndpointState): Promise<string> {
  if (endpoint.failureReason) return endpoint.failureReason.replace(ROLLED_BACK_PREFIX, '');
  const firing = await firingRollbackAlarms(aws, deployment);
  return firing.length > 0
    ? `alarm ${firing.join(', ')} in ALARM during the update`
    : 'SageMaker kept the previous endpoint config';
}

async function observeEndpoint(aws: TeamAws, deployment: Watched): Promise<Observation> {
  const endpoint = await describeEndpoint(
    { client: aws.clients.sagemaker, call: aws.call },
    deployment.awsResourceName,
  );
  if (!endpoint)
    return settled({ status: 'FAILED', statusReason: 'The endpoint no longer exists in SageMaker' });
  const target = deployment.endpointConfigName;
  const awsStatus = endpoint.status;
  switch (endpoint.status) {
    case 'Creating':
      return going({ status: 'CREATING', awsStatus });
    case 'Updating':
      // Someone else's update (another config) is not this deployment's progress.
      if (endpoint.pendingEndpointConfigName && endpoint.pendingEndpointConfigName !== target)
        return going(null);
      return going({
        status: 'UPDATING',
        awsStatus,
        trafficPercent: endpoint.trafficPercent,
        detail: endpoint.trafficPercent ? `${endpoint.trafficPercent}% of traffic on the new fleet` : null,
      });
    case 'RollingBack':
      return going({
        status: 'ROLLING_BACK',
        awsStatus,
        detail: endpoint.failureReason ?? 'SageMaker is returning the endpoint to its previous config',
      });
    case 'UpdateRollbackFailed':
      return settled({
        status: 'UPDATE_ROLLBACK_FAILED',
        awsStatus,
        statusReason:
          endpoint.failureReason ?? 'SageMaker could not return the endpoint to its previous config',
      });
    case 'Failed':
      return settled({
        status: 'FAILED',
        awsStatus,
        statusReason: endpoint.failureReason ?? 'The endpoint failed',
      });
    case 'InService':
      if (endpoint.endpointConfigName === target) {
        return settled({ status: 'IN_SERVICE', awsStatus, awsResourceArn: endpoint.endpointArn });
      }
      // In service on another config after this update: SageMaker put the old one back.
      return settled({
        status: 'FAILED',
        awsStatus,
        rolledBackBecause: await rollbackReason(aws, deployment, endpoint),
      });
    case 'Deleting':
      return settled({ status: 'FAILED', awsStatus, statusReason: 'The endpoint is being deleted' });
    default:
      // SystemUpdating and the like: SageMaker's own maintenance, nothing of this deployment's.
      return going(null);
  }
}

/** Whether the endpoint is this deployment's to delete, rather than another deployment's it fell back to. */
function ownsEndpoint(
  deployment: Watched & { previousDeploymentId: string | null },
  endpoint: EndpointState,
) {
  if (!deployment.previousDeploymentId) return true;
  const target = deployment.endpointConfigName;
  return (
    target !== null &&
    (endpoint.endpointConfigName === target || endpoint.pendingEndpointConfigName === target)
  );
}

/**
 * One step of taking a deployment out of AWS: deletes its endpoint (or stops its transform job)
 * and its rollback alarms, and answers whether it is gone. An endpoint that now serves another
 * deployment's config (this update was rolled back) is left running. Not found counts as gone.
 */
export async function removeDeployment(
  aws: TeamAws,
  db: PrismaClient,
  deployment: Watched & { previousDeploymentId: string | null; projectId: string },
): Promise<{ isGone: boolean; detail: string }> {
  const sagemaker = { client: aws.clients.sagemaker, call: aws.call };
  if (deployment.type === 'BATCH') {
    const job = await stopTransformJob(sagemaker, deployment.awsResourceName);
    if (job?.status === 'Stopping') return { isGone: false, detail: 'Stopping the transform job' };
    return {
      isGone: true,
      detail: job ? `Transform job ${job.status.toLowerCase()}` : 'The transform job no longer exists',
    };
  }
  await deleteAlarms({ client: aws.clients.cloudwatch, call: aws.call }, [
    ...(await deploymentAlarmNames(db, deployment)),
    scaleFromZeroAlarmName(deployment.id),
  ]);
  const endpoint = await describeEndpoint(sagemaker, deployment.awsResourceName);
  if (!endpoint) return { isGone: true, detail: `Endpoint ${deployment.awsResourceName} deleted` };
  if (!ownsEndpoint(deployment, endpoint)) {
    return {
      isGone: true,
      detail: `Endpoint ${deployment.awsResourceName} left running: it serves another deployment's config`,
    };
  }
  if (endpoint.status !== 'Deleting') {
    // AWS asks that variants leave autoscaling before their endpoint goes.
    await removeAutoscaling(aws, deployment);
    await deleteEndpoint(sagemaker, deployment.awsResourceName);
  }
  return { isGone: false, detail: `Deleting endpoint ${deployment.awsResourceName}` };
}

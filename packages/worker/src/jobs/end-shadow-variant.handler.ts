import { awsResourceName, clientRequestToken } from '@cairn/core/aws-names';
import { shadowWindowOf } from '@cairn/core/deployments/shadow-window';
import { recordShadowEnded, recordShadowEndFailed } from '@cairn/services/deployments/record-shadow-ended';
import { sendFollowUpJob } from '@cairn/services/jobs/enqueue-job';
import { endShadowVariantJob, type JobPayload } from '@cairn/services/jobs/job-contracts';
import {
  createEndpointConfig,
  describeEndpoint,
  describeEndpointConfigVariants,
  updateEndpoint,
} from '../aws/adapters/sagemaker-endpoints';
import {
  costAllocationTags,
  type DeploymentTarget,
  loadDeploymentTarget,
  teamAwsFor,
} from './deployment-aws';
import { DEFAULT_RECONCILE_POLICY, type JobHandler, type JobRun } from './job-runner';
import { openTeamAws, type TeamAws } from './team-aws';

type Payload = JobPayload<typeof endShadowVariantJob>;

/** How long between looks at an endpoint moving to its production-only config. */
const MAX_POLL_SECONDS = 30;

/**
 * The endpoint config a shadow deployment ends on: its production variants only. Named from the
 * deployment, so a replay finds the config it made before.
 */
export function productionOnlyConfigId(deploymentId: string): string {
  return clientRequestToken('deployment-production-only-config', deploymentId);
}

/**
 * Ends a shadow test: a new endpoint config with the live config's production variants (no
 * ShadowProductionVariants), UpdateEndpoint to it, then a look every few seconds until the endpoint
 * is InService on it, when the end is recorded once. If SageMaker rolls that update back (the
 * endpoint InService on its old config with a failure reason) the refusal is recorded and the
 * job stops. A deployment that is no longer a running shadow test is skipped.
 */
export const endShadowVariantHandler: JobHandler<Payload> = {
  contract: endShadowVariantJob,

  async run(payload: Payload, run: JobRun) {
    const { db, queue } = run.deps;
    if (!queue) throw new Error('Ending a shadow variant needs the job queue to look at the endpoint again');
    const deployment = await loadDeploymentTarget(db, payload.deploymentId);
    if (!deployment || deployment.status !== 'IN_SERVICE') {
      return { skipped: deployment?.status ?? 'deployment deleted' };
    }
    if (deployment.shadowEndedAt) return { skipped: 'shadow already ended' };
    if (!shadowWindowOf(deployment)) return { skipped: 'not a shadow deployment' };
    if (!deployment.endpointConfigName)
      throw new Error('The shadow deployment has no endpoint config recorded');
    const requester = {
      requestedByUserId: payload.requestedByUserId ?? null,
      requestedByLabel: payload.requestedByLabel ?? 'cairn-worker',
    };
    const aws = openTeamAws(run.deps, teamAwsFor(deployment, requester, run.jobId));
    let endpointConfigName: string;
    let isInService: boolean;
    let refusal: string | null = null;
    try {
      endpointConfigName = payload.isFollowUp
        ? awsResourceName('endpoint-config', productionOnlyConfigId(deployment.id))
        : await moveToProductionOnly(aws, deployment);
      const endpoint = await describeEndpoint(
        { client: aws.clients.sagemaker, call: aws.call },
        deployment.awsResourceName,
      );
      if (!endpoint) throw new Error(`Endpoint ${deployment.awsResourceName} no longer exists in AWS`);
      if (endpoint.status === 'Failed') {
        throw new Error(
          `Endpoint ${endpoint.endpointName} failed moving to ${endpointConfigName}: ${endpoint.failureReason ?? 'no reason given'}`,
        );
      }
      isInService = endpoint.status === 'InService' && endpoint.endpointConfigName === endpointConfigName;
      // After the update was sent, InService on another config means SageMaker gave it up.
      if (payload.isFollowUp && endpoint.status === 'InService' && !isInService) {
        refusal =
          endpoint.failureReason ?? `SageMaker returned the endpoint to ${endpoint.endpointConfigName}.`;
      }
    } finally {
      aws.close();
    }
    if (refusal) {
      const { isRecorded } = await recordShadowEndFailed(db, {
        deploymentId: deployment.id,
        jobId: run.jobId,
        onBehalfOfUserId: requester.requestedByUserId,
        reason: refusal,
      });
      return { ended: false, refused: refusal, isRecorded };
    }
    if (isInService) {
      const { isRecorded } = await recordShadowEnded(db, {
        deploymentId: deployment.id,
        jobId: run.jobId,
        onBehalfOfUserId: requester.requestedByUserId,
        endpointConfigName,
      });
      return { ended: true, isRecorded, endpointConfigName };
    }
    const policy = run.deps.reconcile ?? DEFAULT_RECONCILE_POLICY;
    const delay = Math.max(1, Math.min(policy.maxPollSeconds, MAX_POLL_SECONDS));
    // Keyed by this look: a replay of it schedules the same next look, not a second chain.
    await sendFollowUpJob(
      queue,
      endShadowVariantJob,
      { ...payload, isFollowUp: true },
      {
        key: `end-shadow:${deployment.id}:${run.jobId}`,
        startAfterSeconds: delay,
      },
    );
    return { ended: false, endpointConfigName, nextLookInSeconds: delay };
  },
};

/**
 * Creates (or finds) the production-only config and sends the endpoint to it, all at once: the
 * production variants are the ones already serving, so there is nothing to trial.
 */
async function moveToProductionOnly(aws: TeamAws, deployment: DeploymentTarget): Promise<string> {
  const sagemaker = { client: aws.clients.sagemaker, call: aws.call };
  const production = await describeEndpointConfigVariants(sagemaker, deployment.endpointConfigName ?? '');
  const config = await createEndpointConfig(sagemaker, {
    endpointConfigId: productionOnlyConfigId(deployment.id),
    variants: production.map((asIs) => ({ asIs })),
    tags: costAllocationTags(deployment),
  });
  await updateEndpoint(sagemaker, {
    endpointName: deployment.awsResourceName,
    endpointConfigName: config.endpointConfigName,
  });
  return config.endpointConfigName;
}

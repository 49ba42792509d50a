import { recordDeploymentState } from '@cairn/services/deployments/record-deployment-state';
import { sendFollowUpJob } from '@cairn/services/jobs/enqueue-job';
import {
  type JobPayload,
  reconcileDeploymentJob,
  rolloutDeploymentJob,
} from '@cairn/services/jobs/job-contracts';
import { restoreScalingAfterRollback } from './deployment-autoscaling';
import {
  type DeploymentTarget,
  loadDeploymentTarget,
  rolloutEndpoint,
  startTransform,
  storedSpec,
  teamAwsFor,
} from './deployment-aws';
import { removeDeployment } from './deployment-state';
import { DEFAULT_RECONCILE_POLICY, type JobHandler, type JobRun } from './job-runner';
import { openTeamAws } from './team-aws';

type Payload = JobPayload<typeof rolloutDeploymentJob>;

const ROLLING_OUT = ['CREATING', 'UPDATING'];

/** How long to watch: at least as long as SageMaker may take by the deployment's own timeout. */
function watchSeconds(deployment: DeploymentTarget, limitSeconds: number): number {
  const spec = storedSpec(deployment);
  const timeout = 'maximumExecutionTimeoutSeconds' in spec ? spec.maximumExecutionTimeoutSeconds : undefined;
  return timeout === undefined ? limitSeconds : Math.max(limitSeconds, timeout + 600);
}

/**
 * Puts a pending deployment into SageMaker (model, endpoint config, endpoint create or update with
 * its guardrails; or the transform job), records CREATING or UPDATING, and hands the deployment to
 * its reconciler. A replay after the recording only makes sure the reconciler runs.
 */
export const rolloutDeploymentHandler: JobHandler<Payload> = {
  contract: rolloutDeploymentJob,

  async run(payload: Payload, run: JobRun) {
    const { db, queue } = run.deps;
    if (!queue) throw new Error('The deployment rollout needs the job queue to schedule its reconciler');
    const policy = run.deps.reconcile ?? DEFAULT_RECONCILE_POLICY;
    const deployment = await loadDeploymentTarget(db, payload.deploymentId);
    if (!deployment) return { skipped: 'deployment deleted' };
    if (deployment.status !== 'PENDING' && !ROLLING_OUT.includes(deployment.status)) {
      return { skipped: deployment.status };
    }
    if (deployment.status === 'PENDING') {
      const aws = openTeamAws(run.deps, teamAwsFor(deployment, payload, run.jobId));
      try {
        const change =
          deployment.type === 'BATCH'
            ? await startTransform(aws, deployment)
            : await rolloutEndpoint(aws, db, deployment);
        const recorded = await recordDeploymentState(db, {
          deploymentId: deployment.id,
          jobId: run.jobId,
          onBehalfOfUserId: payload.requestedByUserId,
          change,
        });
        // Deleted while this job ran: what it just made in AWS must not outlive the deployment.
        if (recorded.status === 'DELETING' || recorded.status === 'DELETED') {
          await removeDeployment(aws, db, {
            ...deployment,
            endpointConfigName: change.endpointConfigName ?? null,
          });
          return { skipped: recorded.status };
        }
      } finally {
        aws.close();
      }
    }
    await sendFollowUpJob(
      queue,
      reconcileDeploymentJob,
      {
        teamId: payload.teamId,
        deploymentId: payload.deploymentId,
        requestedByUserId: payload.requestedByUserId,
        requestedByLabel: payload.requestedByLabel,
        giveUpAt: new Date(
          Date.now() + watchSeconds(deployment, policy.timeLimitSeconds) * 1000,
        ).toISOString(),
      },
      { key: `${payload.deploymentId}:rollout`, startAfterSeconds: policy.firstPollSeconds },
    );
    return { deploymentId: payload.deploymentId };
  },

  async giveUp(payload, run, failure) {
    const restored = await restorePausedScaling(payload, run);
    await recordDeploymentState(run.deps.db, {
      deploymentId: payload.deploymentId,
      jobId: run.jobId,
      onBehalfOfUserId: payload.requestedByUserId,
      change: {
        status: 'FAILED',
        statusReason: `Could not start: ${failure.code}: ${failure.message}${restored ? `. The previous deployment's autoscaling is back: ${restored}` : ''}`,
      },
    });
  },
};

/**
 * An update that never started may already have deregistered the scaling of the variants it was
 * to change (SageMaker refuses the update otherwise): the endpoint still runs the previous
 * deployment's config, so that deployment's autoscaling is put back. Best effort: the failure is
 * recorded either way, and a rollback by hand restores the scaling too.
 */
async function restorePausedScaling(payload: Payload, run: JobRun): Promise<string | null> {
  const deployment = await loadDeploymentTarget(run.deps.db, payload.deploymentId);
  if (!deployment?.previousDeploymentId || deployment.type === 'BATCH' || deployment.status !== 'PENDING') {
    return null;
  }
  const aws = openTeamAws(run.deps, teamAwsFor(deployment, payload, run.jobId));
  try {
    return await restoreScalingAfterRollback(aws, run.deps.db, deployment);
  } catch (error) {
    run.deps.logger.warn(
      { deploymentId: deployment.id, reason: error instanceof Error ? error.message : String(error) },
      'could not restore the previous deployment autoscaling',
    );
    return null;
  } finally {
    aws.close();
  }
}

import { recordDeploymentState } from '@cairn/services/deployments/record-deployment-state';
import { sendFollowUpJob } from '@cairn/services/jobs/enqueue-job';
import { deleteDeploymentJob, type JobPayload } from '@cairn/services/jobs/job-contracts';
import { loadDeploymentTarget, teamAwsFor } from './deployment-aws';
import { removeDeployment } from './deployment-state';
import { DEFAULT_RECONCILE_POLICY, type JobHandler, type JobRun } from './job-runner';
import { openTeamAws } from './team-aws';

type Payload = JobPayload<typeof deleteDeploymentJob>;

const MAX_POLL_SECONDS = 10;

/**
 * Takes a deployment out of AWS: deletes its endpoint (or stops its transform job) and its rollback
 * alarms, looks again until it is gone, then records DELETED. Already gone counts as deleted.
 */
export const deleteDeploymentHandler: JobHandler<Payload> = {
  contract: deleteDeploymentJob,

  async run(payload: Payload, run: JobRun) {
    const { db, queue } = run.deps;
    if (!queue) throw new Error('The deployment delete needs the job queue to look again');
    const policy = run.deps.reconcile ?? DEFAULT_RECONCILE_POLICY;
    const deployment = await loadDeploymentTarget(db, payload.deploymentId);
    if (deployment?.status !== 'DELETING') return { skipped: deployment?.status ?? 'deployment deleted' };
    const aws = openTeamAws(run.deps, teamAwsFor(deployment, payload, run.jobId));
    let result: Awaited<ReturnType<typeof removeDeployment>>;
    try {
      result = await removeDeployment(aws, db, deployment);
    } finally {
      aws.close();
    }
    await recordDeploymentState(db, {
      deploymentId: deployment.id,
      jobId: run.jobId,
      onBehalfOfUserId: payload.requestedByUserId,
      change: { status: result.isGone ? 'DELETED' : 'DELETING', detail: result.detail },
    });
    if (result.isGone) return { deleted: true };
    const delay = Math.max(1, Math.min(policy.maxPollSeconds, MAX_POLL_SECONDS, policy.firstPollSeconds));
    await sendFollowUpJob(queue, deleteDeploymentJob, payload, {
      key: `${deployment.id}:${run.jobId}`,
      startAfterSeconds: delay,
    });
    return { deleted: false, nextLookInSeconds: delay };
  },

  async giveUp(payload, run, failure) {
    await recordDeploymentState(run.deps.db, {
      deploymentId: payload.deploymentId,
      jobId: run.jobId,
      onBehalfOfUserId: payload.requestedByUserId,
      change: { status: 'DELETING', detail: `Could not delete: ${failure.code}: ${failure.message}` },
    });
  },
};

import { recordDeploymentState } from '@cairn/services/deployments/record-deployment-state';
import { sendFollowUpJob } from '@cairn/services/jobs/enqueue-job';
import { type JobPayload, reconcileDeploymentJob } from '@cairn/services/jobs/job-contracts';
import { applyAutoscaling, restoreScalingAfterRollback } from './deployment-autoscaling';
import { loadDeploymentTarget, teamAwsFor } from './deployment-aws';
import { observeDeployment } from './deployment-state';
import { DEFAULT_RECONCILE_POLICY, type JobHandler, type JobRun } from './job-runner';
import { openTeamAws } from './team-aws';

type Payload = JobPayload<typeof reconcileDeploymentJob>;

const WATCHED = ['CREATING', 'UPDATING', 'ROLLING_BACK'];
/** RollingBack, UpdateRollbackFailed and Failed must show within a minute: never look less often. */
const MAX_POLL_SECONDS = 10;
/** The first minute of a rollout changes fastest; look at the policy's first pace meanwhile. */
const EARLY_SECONDS = 60;

/**
 * One look at a rolling-out deployment: each state SageMaker reports, and canary or linear progress,
 * is recorded (once); a settled state ends the chain, anything else gets another look within ten
 * seconds. Past giveUpAt the deployment is recorded FAILED as timed out. A look an AWS event asked
 * for records the same way but leaves the next look to the chain.
 */
export const reconcileDeploymentHandler: JobHandler<Payload> = {
  contract: reconcileDeploymentJob,

  async run(payload: Payload, run: JobRun) {
    const { db, queue } = run.deps;
    if (!queue) throw new Error('The deployment reconciler needs the job queue to schedule its next look');
    const policy = run.deps.reconcile ?? DEFAULT_RECONCILE_POLICY;
    const deployment = await loadDeploymentTarget(db, payload.deploymentId);
    if (!deployment || !WATCHED.includes(deployment.status)) {
      return { skipped: deployment?.status ?? 'deployment deleted' };
    }
    const record = (change: Parameters<typeof recordDeploymentState>[1]['change']) =>
      recordDeploymentState(db, {
        deploymentId: deployment.id,
        jobId: run.jobId,
        onBehalfOfUserId: payload.requestedByUserId,
        change,
      });
    if (Date.now() >= Date.parse(payload.giveUpAt)) {
      await record({
        status: 'FAILED',
        statusReason: `timed out: no settled state by ${payload.giveUpAt}; Cairn stopped watching, the ${deployment.type === 'BATCH' ? 'transform job' : 'endpoint'} may still change in SageMaker`,
      });
      return { status: 'FAILED' };
    }
    const aws = openTeamAws(run.deps, teamAwsFor(deployment, payload, run.jobId));
    let isSettled: boolean;
    try {
      const observation = await observeDeployment(aws, deployment);
      if (observation.change?.status === 'IN_SERVICE' && deployment.type !== 'BATCH') {
        // In service on this deployment's config: now its variants exist to be scaled.
        const scaling = await applyAutoscaling(aws, deployment);
        if (scaling) observation.change.detail = scaling;
      } else if (observation.change?.rolledBackBecause) {
        // SageMaker put the previous config back: its autoscaling comes back with it.
        const restored = await restoreScalingAfterRollback(aws, db, deployment);
        if (restored) {
          observation.change.detail = `rolled back automatically: ${observation.change.rolledBackBecause}. The previous deployment's autoscaling is back: ${restored}`;
        }
      }
      if (observation.change) await record(observation.change);
      isSettled = observation.isSettled;
    } finally {
      aws.close();
    }
    if (isSettled) return { settled: true };
    if (payload.isEventLook) return { settled: false, isEventLook: true };
    const elapsedSeconds = (Date.now() - deployment.createdAt.getTime()) / 1000;
    const pace = elapsedSeconds < EARLY_SECONDS ? policy.firstPollSeconds : policy.firstPollSeconds * 2;
    const delay = Math.max(1, Math.min(policy.maxPollSeconds, MAX_POLL_SECONDS, pace));
    // Keyed by this look: a replay of it schedules the same next look, not a second chain.
    await sendFollowUpJob(queue, reconcileDeploymentJob, payload, {
      key: `${deployment.id}:${run.jobId}`,
      startAfterSeconds: delay,
    });
    return { settled: false, nextLookInSeconds: delay };
  },

  async giveUp(payload, run, failure) {
    await recordDeploymentState(run.deps.db, {
      deploymentId: payload.deploymentId,
      jobId: run.jobId,
      onBehalfOfUserId: payload.requestedByUserId,
      change: {
        status: 'FAILED',
        statusReason: `Could not read the deployment in AWS: ${failure.code}: ${failure.message}`,
      },
    });
  },
};

import { sendFollowUpJob } from '@cairn/services/jobs/enqueue-job';
import {
  type JobPayload,
  reconcilePipelineRunJob,
  startPipelineRunJob,
} from '@cairn/services/jobs/job-contracts';
import { recordPipelineRun } from '@cairn/services/pipelines/record-pipeline-run';
import { DEFAULT_RECONCILE_POLICY, type JobHandler, type JobRun } from './job-runner';
import { startExecution, storedVariables } from './pipeline-aws';
import { openTeamAws } from './team-aws';

type Payload = JobPayload<typeof startPipelineRunJob>;

/** Starts the pipeline execution in AWS, records it, and hands the run to the reconciler. */
export const startPipelineRunHandler: JobHandler<Payload> = {
  contract: startPipelineRunJob,

  async run(payload: Payload, run: JobRun) {
    const { db, queue } = run.deps;
    if (!queue) throw new Error('The pipeline start handler needs the job queue to schedule its reconciler');
    const policy = run.deps.reconcile ?? DEFAULT_RECONCILE_POLICY;
    const pipelineRun = await db.pipelineRun.findUnique({
      where: { id: payload.runId },
      include: { pipeline: { include: { team: true, project: { select: { slug: true } } } } },
    });
    if (!pipelineRun) return { skipped: 'run deleted' };
    const { pipeline } = pipelineRun;
    if (pipelineRun.status === 'STARTING') {
      const aws = openTeamAws(run.deps, {
        team: pipeline.team,
        projectSlug: pipeline.project.slug,
        requester: payload,
        jobId: run.jobId,
      });
      try {
        const awsExecutionId = await startExecution(aws.clients, aws.call, pipeline, {
          id: pipelineRun.id,
          variables: storedVariables(pipelineRun.variables),
        });
        await recordPipelineRun(db, {
          runId: pipelineRun.id,
          jobId: run.jobId,
          onBehalfOfUserId: payload.requestedByUserId,
          update: { status: 'RUNNING', awsExecutionId },
        });
      } finally {
        aws.close();
      }
    }
    // Also on a replay after the run was recorded: the key keeps it to one reconciler chain.
    await sendFollowUpJob(
      queue,
      reconcilePipelineRunJob,
      {
        teamId: payload.teamId,
        runId: payload.runId,
        requestedByUserId: payload.requestedByUserId,
        requestedByLabel: payload.requestedByLabel,
        giveUpAt: new Date(Date.now() + policy.timeLimitSeconds * 1000).toISOString(),
      },
      { key: `${payload.runId}:0`, startAfterSeconds: policy.firstPollSeconds },
    );
    return { runId: payload.runId };
  },

  async giveUp(payload, run, failure) {
    await recordPipelineRun(run.deps.db, {
      runId: payload.runId,
      jobId: run.jobId,
      onBehalfOfUserId: payload.requestedByUserId,
      queue: run.deps.queue,
      update: { status: 'FAILED', statusReason: `Could not start: ${failure.code}: ${failure.message}` },
    });
  },
};

import { sendFollowUpJob } from '@cairn/services/jobs/enqueue-job';
import { type JobPayload, reconcilePipelineRunJob } from '@cairn/services/jobs/job-contracts';
import { notePipelineRunPolled, recordPipelineRun } from '@cairn/services/pipelines/record-pipeline-run';
import { recordPipelineWaitingApproval } from '@cairn/services/pipelines/record-pipeline-waiting-approval';
import { findPendingApproval } from '../aws/adapters/codepipeline';
import { DEFAULT_RECONCILE_POLICY, type JobHandler, type JobRun } from './job-runner';
import { readExecution } from './pipeline-aws';
import { openTeamAws } from './team-aws';

type Payload = JobPayload<typeof reconcilePipelineRunJob>;

/**
 * One look at a running pipeline: an end state is recorded (once, however often it is seen); a
 * running one gets the next look, later each time; past the time limit the run is recorded as
 * timed out with the reason. A running CodePipeline execution is also asked whether it waits at a
 * manual approval, so Cairn can show the wait and answer it; while it waits, the time limit is
 * pushed back.
 */
export const reconcilePipelineRunHandler: JobHandler<Payload> = {
  contract: reconcilePipelineRunJob,

  async run(payload: Payload, run: JobRun) {
    const { db, queue } = run.deps;
    if (!queue) throw new Error('The pipeline reconciler needs the job queue to schedule its next look');
    const policy = run.deps.reconcile ?? DEFAULT_RECONCILE_POLICY;
    const pipelineRun = await db.pipelineRun.findUnique({
      where: { id: payload.runId },
      include: { pipeline: { include: { team: true, project: { select: { slug: true } } } } },
    });
    if (pipelineRun?.status !== 'RUNNING' || !pipelineRun.awsExecutionId) {
      return { skipped: pipelineRun?.status ?? 'run deleted' };
    }
    const record = (status: 'SUCCEEDED' | 'FAILED' | 'STOPPED' | 'TIMED_OUT', statusReason: string | null) =>
      recordPipelineRun(db, {
        runId: pipelineRun.id,
        jobId: run.jobId,
        onBehalfOfUserId: payload.requestedByUserId,
        update: { status, statusReason },
        queue,
      });
    if (Date.now() >= Date.parse(payload.giveUpAt)) {
      await record(
        'TIMED_OUT',
        `No end state by ${payload.giveUpAt}; Cairn stopped watching. The execution may still be running in AWS.`,
      );
      return { status: 'TIMED_OUT' };
    }
    const { pipeline } = pipelineRun;
    let giveUpAt = payload.giveUpAt;
    const aws = openTeamAws(run.deps, {
      team: pipeline.team,
      projectSlug: pipeline.project.slug,
      requester: payload,
      jobId: run.jobId,
    });
    try {
      const state = await readExecution(aws.clients, aws.call, pipeline, pipelineRun.awsExecutionId);
      if (!state) {
        await record('FAILED', 'The execution no longer exists in AWS');
        return { status: 'FAILED' };
      }
      if (state.status !== 'RUNNING') {
        await record(state.status, state.reason);
        return { status: state.status };
      }
      if (pipeline.kind === 'CODEPIPELINE') {
        const pending = await findPendingApproval(
          { client: aws.clients.codepipeline, call: aws.call },
          { pipelineName: pipeline.awsPipelineName, pipelineExecutionId: pipelineRun.awsExecutionId },
        );
        await recordPipelineWaitingApproval(db, {
          runId: pipelineRun.id,
          jobId: run.jobId,
          onBehalfOfUserId: payload.requestedByUserId,
          waiting: pending
            ? {
                stageName: pending.stageName,
                actionName: pending.actionName,
                token: pending.token,
                since: (pending.since ?? new Date()).toISOString(),
              }
            : null,
        });
        // Waiting for a person is not a stuck pipeline: the time limit runs from the last look
        // that found it waiting (CodePipeline itself fails an approval left for seven days).
        if (pending) {
          const extended = Date.now() + policy.timeLimitSeconds * 1000;
          if (extended > Date.parse(giveUpAt)) giveUpAt = new Date(extended).toISOString();
        }
      }
    } finally {
      aws.close();
    }
    // The chain counts its own looks and keeps its pace; an event's look only records what it saw.
    if (payload.isEventLook) return { status: 'RUNNING', isEventLook: true };
    const polls = await notePipelineRunPolled(db, pipelineRun.id);
    const delay = Math.min(policy.maxPollSeconds, policy.firstPollSeconds * 2 ** Math.min(polls, 10));
    await sendFollowUpJob(
      queue,
      reconcilePipelineRunJob,
      { ...payload, giveUpAt },
      {
        key: `${pipelineRun.id}:${polls}`,
        startAfterSeconds: delay,
      },
    );
    return { status: 'RUNNING', nextLookInSeconds: delay };
  },

  async giveUp(payload, run, failure) {
    await recordPipelineRun(run.deps.db, {
      runId: payload.runId,
      jobId: run.jobId,
      onBehalfOfUserId: payload.requestedByUserId,
      queue: run.deps.queue,
      update: {
        status: 'FAILED',
        statusReason: `Could not read the execution: ${failure.code}: ${failure.message}`,
      },
    });
  },
};

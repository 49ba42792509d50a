import { answerPipelineApprovalJob, type JobPayload } from '@cairn/services/jobs/job-contracts';
import {
  type PipelineApprovalAnswer,
  recordPipelineApprovalAnswer,
} from '@cairn/services/pipelines/record-pipeline-approval-answer';
import { putApprovalResult } from '../aws/adapters/codepipeline';
import type { JobHandler, JobRun } from './job-runner';
import { openTeamAws } from './team-aws';

type Payload = JobPayload<typeof answerPipelineApprovalJob>;

/** A run answered for a pipeline that has no manual approvals to answer. */
class NotACodePipelineRun extends Error {
  override readonly name = 'NotACodePipelineRun';
}

/**
 * Sends the answer stored on the run (approvalAnswer) to the CodePipeline manual approval action it
 * waits at. An approval already answered (by an earlier attempt, or by someone in the console) is
 * done, not failed: the action no longer waits either way.
 */
export const answerPipelineApprovalHandler: JobHandler<Payload> = {
  contract: answerPipelineApprovalJob,

  async run(payload: Payload, run: JobRun) {
    const { db } = run.deps;
    const pipelineRun = await db.pipelineRun.findUnique({
      where: { id: payload.runId },
      include: { pipeline: { include: { team: true, project: { select: { slug: true } } } } },
    });
    if (!pipelineRun) return { skipped: 'run deleted' };
    const answer = pipelineRun.approvalAnswer as PipelineApprovalAnswer | null;
    if (!answer) return { skipped: 'no answer to send' };
    if (answer.sentAt) return { skipped: 'answer already sent' };
    const { pipeline } = pipelineRun;
    if (pipeline.kind !== 'CODEPIPELINE') {
      throw new NotACodePipelineRun('Only CodePipeline executions wait at manual approval actions');
    }
    const aws = openTeamAws(run.deps, {
      team: pipeline.team,
      projectSlug: pipeline.project.slug,
      requester: payload,
      jobId: run.jobId,
    });
    try {
      const sent = await putApprovalResult(
        { client: aws.clients.codepipeline, call: aws.call },
        {
          pipelineName: pipeline.awsPipelineName,
          stageName: answer.stageName,
          actionName: answer.actionName,
          token: answer.token,
          status: answer.status,
          summary: answer.summary,
        },
      );
      await recordPipelineApprovalAnswer(db, {
        runId: pipelineRun.id,
        jobId: run.jobId,
        onBehalfOfUserId: payload.requestedByUserId,
        outcome: { status: 'SENT', isAlreadyAnswered: sent.isAlreadyAnswered },
      });
      return { status: answer.status, isAlreadyAnswered: sent.isAlreadyAnswered };
    } finally {
      aws.close();
    }
  },

  async giveUp(payload, run, failure) {
    await recordPipelineApprovalAnswer(run.deps.db, {
      runId: payload.runId,
      jobId: run.jobId,
      onBehalfOfUserId: payload.requestedByUserId,
      outcome: { status: 'FAILED', error: `${failure.code}: ${failure.message}` },
    });
  },
};

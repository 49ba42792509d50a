import { conflict, DomainError, notFound } from '@cairn/core/errors';
import type { AnswerPipelineApprovalInput } from '@cairn/core/schemas/pipeline';
import { recordAudit } from '../audit/record-audit';
import { requireQueue, type ServiceContext } from '../context';
import { enqueueJob } from '../jobs/enqueue-job';
import { answerPipelineApprovalJob } from '../jobs/job-contracts';

interface WaitingApproval {
  stageName: string;
  actionName: string;
  token: string;
}

/**
 * An approver answers the CodePipeline manual approval action a run waits at. The answer is
 * recorded on the run (so a second answer is refused) and the worker sends it with
 * PutApprovalResult, in the same transaction.
 */
export async function answerPipelineApproval(ctx: ServiceContext, input: AnswerPipelineApprovalInput) {
  const queue = requireQueue(ctx);
  const { actor } = ctx;
  if (actor.kind !== 'user') throw new DomainError('FORBIDDEN', 'Only people can answer pipeline approvals');
  return ctx.db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "PipelineRun" WHERE id = ${input.runId}::uuid AND "teamId" = ${input.teamId}::uuid FOR UPDATE`;
    const run = await tx.pipelineRun.findFirst({
      where: { id: input.runId, teamId: input.teamId },
      include: { pipeline: true },
    });
    if (!run) throw notFound('Pipeline run');
    const waiting = run.waitingApproval as WaitingApproval | null;
    if (!waiting || (run.status !== 'RUNNING' && run.status !== 'STARTING')) {
      throw conflict('This pipeline run is not waiting for an approval');
    }
    const previous = run.approvalAnswer as { token: string } | null;
    if (previous?.token === waiting.token) {
      throw conflict('This approval was already answered; the pipeline is being told');
    }
    const answer = {
      stageName: waiting.stageName,
      actionName: waiting.actionName,
      token: waiting.token,
      status: input.decision,
      summary: input.summary || `${input.decision} in Cairn by ${actor.email}`,
      byUserId: actor.userId,
    };
    await tx.pipelineRun.update({ where: { id: run.id }, data: { approvalAnswer: answer } });
    await enqueueJob(tx, queue, answerPipelineApprovalJob, {
      teamId: run.teamId,
      runId: run.id,
      requestedByUserId: actor.userId,
      requestedByLabel: actor.email,
    });
    await recordAudit(tx, ctx, {
      action: 'pipeline.answerApproval',
      resourceType: 'PipelineRun',
      resourceId: run.id,
      teamId: run.teamId,
      after: {
        awsPipelineName: run.pipeline.awsPipelineName,
        stageName: answer.stageName,
        actionName: answer.actionName,
        status: answer.status,
        summary: answer.summary,
      },
    });
    return { runId: run.id };
  });
}

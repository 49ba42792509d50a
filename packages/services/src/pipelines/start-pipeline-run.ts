import { DomainError, notFound } from '@cairn/core/errors';
import type { StartPipelineRunInput } from '@cairn/core/schemas/pipeline';
import { recordAudit } from '../audit/record-audit';
import { requireQueue, type ServiceContext } from '../context';
import { enqueueJob } from '../jobs/enqueue-job';
import { startPipelineRunJob } from '../jobs/job-contracts';

/** Records a run and, in the same transaction, the job that starts it in AWS. */
export async function startPipelineRun(ctx: ServiceContext, input: StartPipelineRunInput) {
  const queue = requireQueue(ctx);
  const { actor } = ctx;
  if (actor.kind !== 'user') throw new DomainError('FORBIDDEN', 'Only people can start pipelines');
  return ctx.db.$transaction(async (tx) => {
    const pipeline = await tx.pipeline.findFirst({
      where: { id: input.pipelineId, teamId: input.teamId },
      include: { project: { select: { archivedAt: true } } },
    });
    if (!pipeline) throw notFound('Pipeline');
    if (pipeline.project.archivedAt) throw new DomainError('PRECONDITION_FAILED', 'The project is archived');
    const run = await tx.pipelineRun.create({
      data: { pipelineId: pipeline.id, teamId: pipeline.teamId, requestedById: actor.userId },
    });
    await enqueueJob(tx, queue, startPipelineRunJob, {
      teamId: pipeline.teamId,
      runId: run.id,
      requestedByUserId: actor.userId,
      requestedByLabel: actor.email,
    });
    await recordAudit(tx, ctx, {
      action: 'pipeline.start',
      resourceType: 'PipelineRun',
      resourceId: run.id,
      teamId: pipeline.teamId,
      after: { pipelineId: pipeline.id, kind: pipeline.kind, awsPipelineName: pipeline.awsPipelineName },
    });
    return run;
  });
}

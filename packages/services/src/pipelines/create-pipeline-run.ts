import type { Tx } from '@cairn/db/client';
import { recordAudit } from '../audit/record-audit';
import type { ServiceContext } from '../context';
import { enqueueJob } from '../jobs/enqueue-job';
import { startPipelineRunJob } from '../jobs/job-contracts';
import type { JobQueue } from '../jobs/job-queue';

interface RunPipeline {
  id: string;
  teamId: string;
  kind: string;
  awsPipelineName: string;
}

/**
 * Records a pipeline run and, in the caller's transaction, the job that starts it in AWS and the
 * audit event. By hand or as the consequence of an approval, the same steps.
 */
export async function createPipelineRun(
  tx: Tx,
  ctx: ServiceContext,
  queue: JobQueue,
  input: {
    pipeline: RunPipeline;
    requestedBy: { userId: string; label: string };
    modelVersionId?: string | null;
    approvalRequestId?: string | null;
    variables?: Record<string, string>;
  },
) {
  const { pipeline } = input;
  const run = await tx.pipelineRun.create({
    data: {
      pipelineId: pipeline.id,
      teamId: pipeline.teamId,
      requestedById: input.requestedBy.userId,
      modelVersionId: input.modelVersionId ?? null,
      approvalRequestId: input.approvalRequestId ?? null,
      variables: input.variables ?? {},
    },
  });
  await enqueueJob(tx, queue, startPipelineRunJob, {
    teamId: pipeline.teamId,
    runId: run.id,
    requestedByUserId: input.requestedBy.userId,
    requestedByLabel: input.requestedBy.label,
  });
  await recordAudit(tx, ctx, {
    action: 'pipeline.start',
    resourceType: 'PipelineRun',
    resourceId: run.id,
    teamId: pipeline.teamId,
    after: {
      pipelineId: pipeline.id,
      kind: pipeline.kind,
      awsPipelineName: pipeline.awsPipelineName,
      modelVersionId: run.modelVersionId,
      approvalRequestId: run.approvalRequestId,
      variables: input.variables ?? {},
    },
  });
  return run;
}

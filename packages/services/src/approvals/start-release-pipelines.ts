import type { Tx } from '@cairn/db/client';
import type { ServiceContext } from '../context';
import type { JobQueue } from '../jobs/job-queue';
import { createPipelineRun } from '../pipelines/create-pipeline-run';
import { type ReleasedVersion, releaseVariables } from '../pipelines/release-variables';

/** Starts every pipeline of the version's project marked "start on approval", for that version. */
export async function startReleasePipelines(
  tx: Tx,
  ctx: ServiceContext,
  queue: JobQueue,
  input: {
    version: ReleasedVersion & { projectId: string; teamId: string };
    approvalRequestId: string;
    environment: string;
    approvedBy: readonly string[];
    requestedBy: { userId: string; label: string };
  },
) {
  const pipelines = await tx.pipeline.findMany({
    where: { projectId: input.version.projectId, teamId: input.version.teamId, startOnApproval: true },
    orderBy: { id: 'asc' },
  });
  const variables = releaseVariables(input.version, {
    environment: input.environment,
    approvedBy: input.approvedBy,
  });
  const runs = [];
  for (const pipeline of pipelines) {
    runs.push(
      await createPipelineRun(tx, ctx, queue, {
        pipeline,
        requestedBy: input.requestedBy,
        modelVersionId: input.version.id,
        approvalRequestId: input.approvalRequestId,
        variables,
      }),
    );
  }
  return runs;
}

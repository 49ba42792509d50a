import { DomainError, notFound } from '@cairn/core/errors';
import type { SetPipelineReleaseInput } from '@cairn/core/schemas/pipeline';
import { recordAudit } from '../audit/record-audit';
import type { ServiceContext } from '../context';

/** Marks a pipeline as a release pipeline (started when a version is approved), or not; team admins. */
export async function setPipelineRelease(ctx: ServiceContext, input: SetPipelineReleaseInput) {
  return ctx.db.$transaction(async (tx) => {
    const pipeline = await tx.pipeline.findFirst({
      where: { id: input.pipelineId, teamId: input.teamId },
      include: { project: { select: { archivedAt: true } } },
    });
    if (!pipeline) throw notFound('Pipeline');
    if (pipeline.project.archivedAt) throw new DomainError('PRECONDITION_FAILED', 'The project is archived');
    const updated = await tx.pipeline.update({
      where: { id: pipeline.id },
      data: { startOnApproval: input.startOnApproval },
    });
    await recordAudit(tx, ctx, {
      action: 'pipeline.setRelease',
      resourceType: 'Pipeline',
      resourceId: pipeline.id,
      teamId: pipeline.teamId,
      before: { startOnApproval: pipeline.startOnApproval },
      after: { startOnApproval: updated.startOnApproval },
    });
    return updated;
  });
}

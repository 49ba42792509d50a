import { DomainError, notFound } from '@cairn/core/errors';
import type { UpdateModelVersionArtifactInput } from '@cairn/core/schemas/model-version';
import { recordAudit } from '../audit/record-audit';
import { requireQueue, type ServiceContext } from '../context';
import { enqueueJob } from '../jobs/enqueue-job';
import { syncModelVersionApprovalJob } from '../jobs/job-contracts';
import { projectForPerson } from './model-version-access';

/**
 * Replaces a version's artifact (and image). The artifact revision moves on, so every decision
 * made on the old one stops counting: an open request needs its approvals again, and an approved
 * version goes back to pending (mirrored to SageMaker) until a new request is approved.
 */
export async function updateModelVersionArtifact(
  ctx: ServiceContext,
  input: UpdateModelVersionArtifactInput,
) {
  const queue = requireQueue(ctx);
  return ctx.db.$transaction(async (tx) => {
    const project = await projectForPerson(tx, ctx, input, 'project:write');
    if (project.archivedAt) throw new DomainError('PRECONDITION_FAILED', 'The project is archived');
    await tx.$queryRaw`SELECT id FROM "ModelVersion" WHERE id = ${input.modelVersionId}::uuid AND "projectId" = ${project.id}::uuid FOR UPDATE`;
    const before = await tx.modelVersion.findFirst({
      where: { id: input.modelVersionId, projectId: project.id, teamId: project.teamId },
    });
    if (!before) throw notFound('Model version');
    if (before.artifactUri === input.artifactUri && before.inferenceImageUri === input.inferenceImageUri) {
      throw new DomainError('INVALID_INPUT', 'This is the artifact the version already has', {
        field: 'artifactUri',
      });
    }
    const invalidated = await tx.approvalDecision.count({
      where: {
        request: { modelVersionId: before.id },
        decision: 'APPROVE',
        artifactRevision: before.artifactRevision,
      },
    });
    const version = await tx.modelVersion.update({
      where: { id: before.id },
      data: {
        artifactUri: input.artifactUri,
        inferenceImageUri: input.inferenceImageUri,
        artifactRevision: { increment: 1 },
        approvalStatus: 'PENDING_MANUAL_APPROVAL',
      },
    });
    const actor = ctx.actor.kind === 'user' ? ctx.actor : null;
    await enqueueJob(tx, queue, syncModelVersionApprovalJob, {
      teamId: version.teamId,
      modelVersionId: version.id,
      requestedByUserId: actor?.userId ?? null,
      requestedByLabel: actor?.email ?? 'cairn',
    });
    await recordAudit(tx, ctx, {
      action: 'modelVersion.updateArtifact',
      resourceType: 'ModelVersion',
      resourceId: version.id,
      teamId: version.teamId,
      reason:
        invalidated > 0
          ? `${invalidated} approval(s) on revision ${before.artifactRevision} no longer count`
          : null,
      before: {
        artifactUri: before.artifactUri,
        inferenceImageUri: before.inferenceImageUri,
        artifactRevision: before.artifactRevision,
        approvalStatus: before.approvalStatus,
      },
      after: {
        artifactUri: version.artifactUri,
        inferenceImageUri: version.inferenceImageUri,
        artifactRevision: version.artifactRevision,
        approvalStatus: version.approvalStatus,
      },
    });
    return version;
  });
}

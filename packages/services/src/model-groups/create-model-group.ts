import { awsResourceName } from '@cairn/core/aws-names';
import { DomainError, notFound } from '@cairn/core/errors';
import type { CreateModelGroupInput } from '@cairn/core/schemas/model-group';
import { uuidV7 } from '@cairn/core/uuid-v7';
import { recordAudit } from '../audit/record-audit';
import { requireQueue, type ServiceContext } from '../context';
import { enqueueJob } from '../jobs/enqueue-job';
import { mirrorModelGroupJob } from '../jobs/job-contracts';

/**
 * Creates a model group and, in the same transaction, the job that mirrors it to a SageMaker model
 * package group named after its id.
 */
export async function createModelGroup(ctx: ServiceContext, input: CreateModelGroupInput) {
  const queue = requireQueue(ctx);
  const { actor } = ctx;
  if (actor.kind !== 'user') throw new DomainError('FORBIDDEN', 'Only people can create model groups');
  return ctx.db.$transaction(async (tx) => {
    const project = await tx.project.findFirst({ where: { id: input.projectId, teamId: input.teamId } });
    if (!project) throw notFound('Project');
    if (project.archivedAt) throw new DomainError('PRECONDITION_FAILED', 'The project is archived');
    const clash = await tx.modelGroup.findUnique({
      where: { projectId_name: { projectId: project.id, name: input.name } },
    });
    if (clash) {
      throw new DomainError(
        'CONFLICT',
        `A model group named "${input.name}" already exists in this project`,
        {
          field: 'name',
        },
      );
    }
    const id = uuidV7();
    const group = await tx.modelGroup.create({
      data: {
        id,
        teamId: project.teamId,
        projectId: project.id,
        name: input.name,
        description: input.description,
        createdById: actor.userId,
        awsName: awsResourceName('model-package-group', id),
      },
    });
    await enqueueJob(tx, queue, mirrorModelGroupJob, {
      teamId: group.teamId,
      modelGroupId: group.id,
      requestedByUserId: actor.userId,
      requestedByLabel: actor.email,
    });
    await recordAudit(tx, ctx, {
      action: 'modelGroup.create',
      resourceType: 'ModelGroup',
      resourceId: group.id,
      teamId: group.teamId,
      after: { name: group.name, projectId: group.projectId, awsName: group.awsName },
    });
    return group;
  });
}

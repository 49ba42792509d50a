import { DomainError, notFound } from '@cairn/core/errors';
import type { RegisterPipelineInput } from '@cairn/core/schemas/pipeline';
import { recordAudit } from '../audit/record-audit';
import type { ServiceContext } from '../context';

/** Makes a pipeline in the team's account startable from the project. */
export async function registerPipeline(ctx: ServiceContext, input: RegisterPipelineInput) {
  const { actor } = ctx;
  if (actor.kind !== 'user') throw new DomainError('FORBIDDEN', 'Only people can register pipelines');
  return ctx.db.$transaction(async (tx) => {
    const project = await tx.project.findFirst({ where: { id: input.projectId, teamId: input.teamId } });
    if (!project) throw notFound('Project');
    if (project.archivedAt) throw new DomainError('PRECONDITION_FAILED', 'The project is archived');
    const clash = await tx.pipeline.findUnique({
      where: {
        projectId_kind_awsPipelineName: {
          projectId: project.id,
          kind: input.kind,
          awsPipelineName: input.awsPipelineName,
        },
      },
    });
    if (clash) {
      throw new DomainError('CONFLICT', `${input.awsPipelineName} is already registered in this project`, {
        field: 'awsPipelineName',
      });
    }
    const pipeline = await tx.pipeline.create({
      data: {
        teamId: project.teamId,
        projectId: project.id,
        kind: input.kind,
        awsPipelineName: input.awsPipelineName,
        description: input.description,
        createdById: actor.userId,
      },
    });
    await recordAudit(tx, ctx, {
      action: 'pipeline.register',
      resourceType: 'Pipeline',
      resourceId: pipeline.id,
      teamId: pipeline.teamId,
      after: { kind: pipeline.kind, awsPipelineName: pipeline.awsPipelineName, projectId: project.id },
    });
    return pipeline;
  });
}

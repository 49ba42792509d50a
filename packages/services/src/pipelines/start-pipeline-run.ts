import { DomainError, notFound } from '@cairn/core/errors';
import type { StartPipelineRunInput } from '@cairn/core/schemas/pipeline';
import { requireQueue, type ServiceContext } from '../context';
import { createPipelineRun } from './create-pipeline-run';
import { releaseVariables } from './release-variables';

/**
 * Starts a pipeline by hand, optionally for a model version of the same project (its package ARN
 * and number become the run's variables).
 */
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
    const version = input.modelVersionId
      ? await tx.modelVersion.findFirst({
          where: { id: input.modelVersionId, projectId: pipeline.projectId, teamId: pipeline.teamId },
          include: { modelGroup: { select: { name: true } } },
        })
      : null;
    if (input.modelVersionId && !version) throw notFound('Model version');
    return createPipelineRun(tx, ctx, queue, {
      pipeline,
      requestedBy: { userId: actor.userId, label: actor.email },
      modelVersionId: version?.id ?? null,
      variables: version ? releaseVariables(version) : {},
    });
  });
}

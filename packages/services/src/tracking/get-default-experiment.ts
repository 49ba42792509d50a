import { DomainError, isDomainError, notFound } from '@cairn/core/errors';
import type { ProjectTrackingInput } from '@cairn/core/schemas/tracking';
import type { ServiceContext } from '../context';
import { insertExperiment } from './create-experiment';
import { assertTrackingAccess, findAccessibleProject } from './tracking-access';
import { type ExperimentView, experimentInclude, toExperimentView } from './tracking-views';

export const DEFAULT_EXPERIMENT_NAME = 'Default';

/**
 * The project's "Default" experiment, where MLflow clients log when no experiment is set
 * (experiment id "0"); created on first use by someone who may write.
 */
export async function getDefaultExperiment(
  ctx: ServiceContext,
  input: ProjectTrackingInput,
): Promise<ExperimentView> {
  const project = await findAccessibleProject(ctx.db, ctx, input, 'tracking:read');
  const where = { projectId_name: { projectId: project.id, name: DEFAULT_EXPERIMENT_NAME } };
  const existing = await ctx.db.experiment.findUnique({ where, include: experimentInclude });
  if (existing) return toExperimentView(existing);
  if (project.archivedAt) throw new DomainError('PRECONDITION_FAILED', 'The project is archived');
  try {
    await assertTrackingAccess(
      ctx.db,
      ctx,
      { teamId: project.teamId, projectId: project.id },
      'tracking:write',
    );
  } catch (error) {
    if (isDomainError(error) && error.code === 'FORBIDDEN') throw notFound('Experiment');
    throw error;
  }
  try {
    return await ctx.db.$transaction((tx) =>
      insertExperiment(tx, ctx, {
        teamId: project.teamId,
        projectId: project.id,
        name: DEFAULT_EXPERIMENT_NAME,
        tags: [],
      }),
    );
  } catch (error) {
    // Two first uses at once: the other one created it.
    if (isDomainError(error) && error.code === 'CONFLICT') {
      return toExperimentView(
        await ctx.db.experiment.findUniqueOrThrow({ where, include: experimentInclude }),
      );
    }
    throw error;
  }
}

import { notFound } from '@cairn/core/errors';
import type { GetExperimentByNameInput } from '@cairn/core/schemas/tracking';
import type { ServiceContext } from '../context';
import { findAccessibleProject } from './tracking-access';
import { type ExperimentView, experimentInclude, toExperimentView } from './tracking-views';

/** The project's experiment with this exact name, deleted ones included (as MLflow does). */
export async function getExperimentByName(
  ctx: ServiceContext,
  input: GetExperimentByNameInput,
): Promise<ExperimentView> {
  const project = await findAccessibleProject(ctx.db, ctx, input, 'tracking:read');
  const experiment = await ctx.db.experiment.findUnique({
    where: { projectId_name: { projectId: project.id, name: input.name } },
    include: experimentInclude,
  });
  if (!experiment) throw notFound(`Experiment '${input.name}'`);
  return toExperimentView(experiment);
}

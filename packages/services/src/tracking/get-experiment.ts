import type { ExperimentRefInput } from '@cairn/core/schemas/tracking';
import type { ServiceContext } from '../context';
import { findAccessibleExperiment } from './tracking-access';
import { type ExperimentView, experimentInclude, toExperimentView } from './tracking-views';

/** One experiment (active or deleted) with its tags. */
export async function getExperiment(ctx: ServiceContext, input: ExperimentRefInput): Promise<ExperimentView> {
  const experiment = await findAccessibleExperiment(ctx.db, ctx, input, 'tracking:read');
  const tags = await ctx.db.experimentTag.findMany({
    where: { experimentId: experiment.id },
    ...experimentInclude.tags,
  });
  return toExperimentView({ ...experiment, tags });
}

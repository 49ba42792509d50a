import { notFound } from '@cairn/core/errors';
import type { ExperimentRefInput } from '@cairn/core/schemas/tracking';
import { recordAudit } from '../audit/record-audit';
import type { ServiceContext } from '../context';
import { findAccessibleExperiment } from './tracking-access';
import { type ExperimentView, experimentInclude, toExperimentView } from './tracking-views';

/** Restores a deleted experiment and the runs deleted along with it. */
export async function restoreExperiment(
  ctx: ServiceContext,
  input: ExperimentRefInput,
): Promise<ExperimentView> {
  return ctx.db.$transaction(async (tx) => {
    const experiment = await findAccessibleExperiment(tx, ctx, input, 'tracking:write');
    if (!experiment.deletedAt) throw notFound('Deleted experiment');
    const runs = await tx.run.updateMany({
      where: { experimentId: experiment.id, deletedAt: experiment.deletedAt },
      data: { deletedAt: null },
    });
    const updated = await tx.experiment.update({
      where: { id: experiment.id },
      data: { deletedAt: null },
      include: experimentInclude,
    });
    await recordAudit(tx, ctx, {
      action: 'experiment.restore',
      resourceType: 'Experiment',
      resourceId: experiment.id,
      teamId: experiment.teamId,
      after: { name: experiment.name, restoredRunCount: runs.count },
    });
    return toExperimentView(updated);
  });
}

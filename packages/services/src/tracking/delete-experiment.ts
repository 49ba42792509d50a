import { notFound } from '@cairn/core/errors';
import type { ExperimentRefInput } from '@cairn/core/schemas/tracking';
import { recordAudit } from '../audit/record-audit';
import type { ServiceContext } from '../context';
import { findAccessibleExperiment } from './tracking-access';
import { type ExperimentView, experimentInclude, toExperimentView } from './tracking-views';

/**
 * Soft-deletes an active experiment and, as MLflow does, its active runs; they share one deletion
 * time, so restoring brings back exactly those runs.
 */
export async function deleteExperiment(
  ctx: ServiceContext,
  input: ExperimentRefInput,
): Promise<ExperimentView> {
  return ctx.db.$transaction(async (tx) => {
    const experiment = await findAccessibleExperiment(tx, ctx, input, 'tracking:write');
    if (experiment.deletedAt) throw notFound('Active experiment');
    const deletedAt = new Date();
    const runs = await tx.run.updateMany({
      where: { experimentId: experiment.id, deletedAt: null },
      data: { deletedAt },
    });
    const updated = await tx.experiment.update({
      where: { id: experiment.id },
      data: { deletedAt },
      include: experimentInclude,
    });
    await recordAudit(tx, ctx, {
      action: 'experiment.delete',
      resourceType: 'Experiment',
      resourceId: experiment.id,
      teamId: experiment.teamId,
      after: { name: experiment.name, deletedRunCount: runs.count },
    });
    return toExperimentView(updated);
  });
}

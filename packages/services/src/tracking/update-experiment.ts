import { DomainError } from '@cairn/core/errors';
import type { UpdateExperimentInput } from '@cairn/core/schemas/tracking';
import { recordAudit } from '../audit/record-audit';
import type { ServiceContext } from '../context';
import { experimentNameTaken } from './create-experiment';
import { findAccessibleExperiment } from './tracking-access';
import { type ExperimentView, experimentInclude, toExperimentView } from './tracking-views';

/** Renames an active experiment; the new name must be free in the project. */
export async function updateExperiment(
  ctx: ServiceContext,
  input: UpdateExperimentInput,
): Promise<ExperimentView> {
  return ctx.db.$transaction(async (tx) => {
    const experiment = await findAccessibleExperiment(tx, ctx, input, 'tracking:write');
    if (experiment.deletedAt) {
      throw new DomainError('INVALID_INPUT', 'Cannot rename a non-active experiment.', {
        field: 'experimentId',
      });
    }
    if (experiment.name !== input.newName) {
      const clash = await tx.experiment.findUnique({
        where: { projectId_name: { projectId: experiment.projectId, name: input.newName } },
        select: { id: true },
      });
      if (clash) throw experimentNameTaken(input.newName);
    }
    const updated = await tx.experiment.update({
      where: { id: experiment.id },
      data: { name: input.newName },
      include: experimentInclude,
    });
    await recordAudit(tx, ctx, {
      action: 'experiment.rename',
      resourceType: 'Experiment',
      resourceId: experiment.id,
      teamId: experiment.teamId,
      before: { name: experiment.name },
      after: { name: updated.name },
    });
    return toExperimentView(updated);
  });
}

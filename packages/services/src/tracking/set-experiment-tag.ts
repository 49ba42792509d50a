import { DomainError } from '@cairn/core/errors';
import type { SetExperimentTagInput } from '@cairn/core/schemas/tracking';
import { recordAudit } from '../audit/record-audit';
import type { ServiceContext } from '../context';
import { findAccessibleExperiment } from './tracking-access';
import { validateExperimentTag } from './tracking-limits';

/** Sets (or replaces) one tag of an active experiment. */
export async function setExperimentTag(ctx: ServiceContext, input: SetExperimentTagInput): Promise<void> {
  validateExperimentTag(input);
  await ctx.db.$transaction(async (tx) => {
    const experiment = await findAccessibleExperiment(tx, ctx, input, 'tracking:write');
    if (experiment.deletedAt) {
      throw new DomainError(
        'INVALID_INPUT',
        `The experiment ${experiment.id} must be in the 'active' state. Current state is deleted.`,
        { field: 'experimentId' },
      );
    }
    const where = { experimentId_key: { experimentId: experiment.id, key: input.key } };
    const before = await tx.experimentTag.findUnique({ where, select: { value: true } });
    await tx.experimentTag.upsert({
      where,
      create: { experimentId: experiment.id, key: input.key, value: input.value },
      update: { value: input.value },
    });
    await tx.experiment.update({ where: { id: experiment.id }, data: { updatedAt: new Date() } });
    await recordAudit(tx, ctx, {
      action: 'experiment.setTag',
      resourceType: 'Experiment',
      resourceId: experiment.id,
      teamId: experiment.teamId,
      before: before ? { key: input.key, value: before.value } : null,
      after: { key: input.key, value: input.value },
    });
  });
}

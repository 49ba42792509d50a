import { DomainError } from '@cairn/core/errors';
import type { DeleteRunTagInput } from '@cairn/core/schemas/tracking';
import { recordAudit } from '../audit/record-audit';
import type { ServiceContext } from '../context';
import { assertRunActive, findAccessibleRun, mlflowId } from './tracking-access';

/** Removes one tag from an active run; a tag the run does not have is NOT_FOUND, as in MLflow. */
export async function deleteRunTag(ctx: ServiceContext, input: DeleteRunTagInput): Promise<void> {
  await ctx.db.$transaction(async (tx) => {
    const run = await findAccessibleRun(tx, ctx, input, 'tracking:write');
    assertRunActive(run);
    const deleted = await tx.runTag.deleteMany({ where: { runId: run.id, key: input.key } });
    if (deleted.count === 0) {
      throw new DomainError('NOT_FOUND', `No tag with name: ${input.key} in run with id ${mlflowId(run.id)}`);
    }
    await recordAudit(tx, ctx, {
      action: 'run.deleteTag',
      resourceType: 'Run',
      resourceId: run.id,
      teamId: run.teamId,
      before: { key: input.key },
    });
  });
}

import type { UpdateRunInput } from '@cairn/core/schemas/tracking';
import { recordAudit } from '../audit/record-audit';
import type { ServiceContext } from '../context';
import { RUN_NAME_TAG } from './run-system-tags';
import { assertRunActive, findAccessibleRun } from './tracking-access';
import { type RunView, toRunView } from './tracking-views';

/** Sets an active run's status, end time or name (the name tag follows the name). */
export async function updateRun(ctx: ServiceContext, input: UpdateRunInput): Promise<RunView> {
  return ctx.db.$transaction(async (tx) => {
    const run = await findAccessibleRun(tx, ctx, input, 'tracking:write');
    assertRunActive(run);
    const updated = await tx.run.update({
      where: { id: run.id },
      data: {
        ...(input.status ? { status: input.status } : {}),
        ...(input.endTime !== undefined ? { endTime: new Date(input.endTime) } : {}),
        ...(input.runName ? { name: input.runName } : {}),
      },
    });
    if (input.runName) {
      await tx.runTag.upsert({
        where: { runId_key: { runId: run.id, key: RUN_NAME_TAG } },
        create: { runId: run.id, key: RUN_NAME_TAG, value: input.runName },
        update: { value: input.runName },
      });
    }
    await recordAudit(tx, ctx, {
      action: 'run.update',
      resourceType: 'Run',
      resourceId: run.id,
      teamId: run.teamId,
      before: { status: run.status, endTime: run.endTime, name: run.name },
      after: { status: updated.status, endTime: updated.endTime, name: updated.name },
    });
    return toRunView(updated);
  });
}

import type { RunRefInput } from '@cairn/core/schemas/tracking';
import { recordAudit } from '../audit/record-audit';
import type { ServiceContext } from '../context';
import { findAccessibleRun } from './tracking-access';
import { type RunView, toRunView } from './tracking-views';

/** Soft-deletes a run (MLflow lifecycle stage "deleted"); its data stays for restore. */
export async function deleteRun(ctx: ServiceContext, input: RunRefInput): Promise<RunView> {
  return ctx.db.$transaction(async (tx) => {
    const run = await findAccessibleRun(tx, ctx, input, 'tracking:write');
    const updated = await tx.run.update({ where: { id: run.id }, data: { deletedAt: new Date() } });
    await recordAudit(tx, ctx, {
      action: 'run.delete',
      resourceType: 'Run',
      resourceId: run.id,
      teamId: run.teamId,
      before: { lifecycleStage: run.deletedAt ? 'deleted' : 'active' },
      after: { lifecycleStage: updated.deletedAt ? 'deleted' : 'active' },
    });
    return toRunView(updated);
  });
}

import type { UpdateRunInput } from '@cairn/core/schemas/tracking';
import { recordAudit } from '../audit/record-audit';
import type { ServiceContext } from '../context';
import { enqueueOptionalJob } from '../jobs/enqueue-job';
import { warmRunChartsJob } from '../jobs/job-contracts';
import { RUN_NAME_TAG } from './run-system-tags';
import { assertRunActive, findAccessibleRun } from './tracking-access';
import { type RunStatus, type RunView, toRunView } from './tracking-views';

const ENDED_STATUSES: ReadonlySet<RunStatus> = new Set(['FINISHED', 'FAILED', 'KILLED']);

/**
 * Sets an active run's status, end time or name (the name tag follows the name). A run that ends
 * gets its long series charted ahead of their first read, by the worker.
 */
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
    if (input.status && ENDED_STATUSES.has(input.status)) {
      await enqueueOptionalJob(tx, ctx, warmRunChartsJob, { teamId: run.teamId, runId: run.id });
    }
    // Last: the audit append takes the chain's lock, held until commit.
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

import type { RecomputeCostsInput } from '@cairn/core/schemas/cost';
import { recordAudit } from '../audit/record-audit';
import { authorizeOrgCostAccess } from '../budgets/budget-access';
import { requireQueue, type ServiceContext } from '../context';
import { enqueueJob } from '../jobs/enqueue-job';
import { computeCostsJob } from '../jobs/job-contracts';

/** Asks the worker to recompute every team's estimated costs for a range of days (backfill); org admins only, audited. */
export async function requestCostRecompute(ctx: ServiceContext, input: RecomputeCostsInput) {
  authorizeOrgCostAccess(ctx.actor);
  const queue = requireQueue(ctx);
  return ctx.db.$transaction(async (tx) => {
    const jobId = await enqueueJob(tx, queue, computeCostsJob, {
      from: input.from,
      to: input.to,
      requestedByUserId: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
    });
    await recordAudit(tx, ctx, {
      action: 'cost.requestRecompute',
      resourceType: 'CostEntry',
      after: { from: input.from, to: input.to, jobId },
    });
    return { jobId };
  });
}

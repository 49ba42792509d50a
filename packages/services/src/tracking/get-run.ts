import { notFound } from '@cairn/core/errors';
import type { RunRefInput } from '@cairn/core/schemas/tracking';
import type { ServiceContext } from '../context';
import { assertTrackingAccess, isUuid } from './tracking-access';
import { type RunDetail, runDetailInclude, toRunDetail } from './tracking-views';

/** A run with its params, tags, latest metrics and dataset inputs; deleted runs included. */
export async function getRun(ctx: ServiceContext, input: RunRefInput): Promise<RunDetail> {
  const run = isUuid(input.runId)
    ? await ctx.db.run.findFirst({
        where: { id: input.runId, teamId: input.teamId },
        include: runDetailInclude,
      })
    : null;
  if (!run) throw notFound('Run');
  await assertTrackingAccess(ctx.db, ctx, run, 'tracking:read');
  return toRunDetail(run);
}

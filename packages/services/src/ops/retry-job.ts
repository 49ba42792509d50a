import { notFound } from '@cairn/core/errors';
import type { RetryJobInput } from '@cairn/core/schemas/ops';
import { fromPrisma } from 'pg-boss';
import { recordAudit } from '../audit/record-audit';
import { requireQueue, type ServiceContext } from '../context';

/** Sends a failed job back to its queue for another round of attempts; audited with the retry. */
export async function retryJob(ctx: ServiceContext, input: RetryJobInput) {
  const queue = requireQueue(ctx);
  return ctx.db.$transaction(async (tx) => {
    const [job] = await tx.$queryRaw<{ id: string; state: string; teamId: string | null }[]>`
      SELECT id::text, state::text, data->>'teamId' AS "teamId" FROM pgboss.job
      WHERE name = ${input.queue} AND id = ${input.jobId}::uuid`;
    if (!job || job.state !== 'failed') throw notFound('Failed job');
    await queue.retry(input.queue, input.jobId, { db: fromPrisma(tx) });
    await recordAudit(tx, ctx, {
      action: 'ops.retryJob',
      resourceType: 'Job',
      resourceId: input.jobId,
      teamId: job.teamId,
      before: { queue: input.queue, state: 'failed' },
      after: { state: 'retry' },
    });
    return { jobId: input.jobId };
  });
}

import type { Tx } from '@cairn/db/client';
import { fromPrisma } from 'pg-boss';
import type { ServiceContext } from '../context';
import type { JobContract } from './job-contracts';
import type { JobQueue } from './job-queue';

/**
 * Creates a job inside the caller's transaction: the queue is the outbox. If the transaction rolls
 * back there is no job; if it commits, there is exactly one. A `key` makes repeats of the same
 * request collapse into the job already waiting.
 */
export async function enqueueJob<Payload>(
  tx: Tx,
  queue: JobQueue,
  contract: JobContract<Payload>,
  payload: Payload,
  options: { key?: string } = {},
): Promise<string> {
  const data = contract.payload.parse(payload) as object;
  const id = await queue.send(contract.name, data, {
    db: fromPrisma(tx),
    ...(options.key ? { singletonKey: options.key } : {}),
  });
  if (!id) throw new Error(`A ${contract.name} job for ${options.key ?? 'this request'} is already waiting`);
  return id;
}

/**
 * Enqueues work the product is correct without, only faster (a chart computed before its first
 * read), inside the caller's transaction like `enqueueJob`. A context without a queue (tests,
 * scripts, the demo seed) skips it and answers null: the work then happens on demand. Work that
 * must happen uses `enqueueJob(tx, requireQueue(ctx), ...)`, which fails without a queue.
 */
export async function enqueueOptionalJob<Payload>(
  tx: Tx,
  ctx: ServiceContext,
  contract: JobContract<Payload>,
  payload: Payload,
): Promise<string | null> {
  if (!ctx.queue) return null;
  return enqueueJob(tx, ctx.queue, contract, payload);
}

/**
 * Sends a follow-up job outside any transaction, for a handler scheduling its next step. A `key`
 * already waiting or running answers null instead of a second job, so a replayed step cannot start
 * a second chain.
 */
export async function sendFollowUpJob<Payload>(
  queue: JobQueue,
  contract: JobContract<Payload>,
  payload: Payload,
  options: { key: string; startAfterSeconds?: number },
): Promise<string | null> {
  const data = contract.payload.parse(payload) as object;
  return queue.send(contract.name, data, {
    singletonKey: options.key,
    ...(options.startAfterSeconds ? { startAfter: options.startAfterSeconds } : {}),
  });
}

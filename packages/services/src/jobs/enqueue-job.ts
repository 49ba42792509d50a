import type { Tx } from '@cairn/db/client';
import { fromPrisma } from 'pg-boss';
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

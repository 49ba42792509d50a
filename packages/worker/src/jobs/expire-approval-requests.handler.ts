import { expireApprovalRequests } from '@cairn/services/approvals/expire-approval-requests';
import { expireApprovalRequestsJob, type JobPayload } from '@cairn/services/jobs/job-contracts';
import type { JobQueue } from '@cairn/services/jobs/job-queue';
import type { JobHandler, JobRun } from './job-runner';

type Payload = JobPayload<typeof expireApprovalRequestsJob>;

/** Every minute, UTC. */
const EVERY_MINUTE = '* * * * *';

/** Marks pending approval requests past their expiry as EXPIRED; safe when two sweeps overlap. */
export const expireApprovalRequestsHandler: JobHandler<Payload> = {
  contract: expireApprovalRequestsJob,

  async run(_payload: Payload, run: JobRun) {
    return expireApprovalRequests(run.deps.db, { now: new Date(), jobId: run.jobId });
  },
};

/**
 * Puts the sweep on pg-boss's schedule. schedule() upserts one row per queue (and key), and pg-boss
 * sends each minute's job once whichever worker's clock pass gets there first, so every worker
 * calls this at start without a second sweep appearing.
 */
export async function scheduleApprovalExpiry(queue: JobQueue): Promise<void> {
  // A sweep reads the current state, so minutes missed while no worker ran make one sweep, not many.
  await queue.schedule(expireApprovalRequestsJob.name, EVERY_MINUTE, {}, { tz: 'UTC', missed: 'once' });
}

import { addDays, parseIsoDay, utcDay } from '@cairn/core/costs/cost-calendar';
import { recomputeCosts } from '@cairn/services/costs/recompute-costs';
import { computeCostsJob, type JobPayload } from '@cairn/services/jobs/job-contracts';
import type { JobQueue } from '@cairn/services/jobs/job-queue';
import type { JobHandler, JobRun } from './job-runner';
import { readCostExplorer, SCHEDULED_REREAD_AFTER_MS } from './read-cost-explorer';

type Payload = JobPayload<typeof computeCostsJob>;

/** Every hour at minute 7, UTC: yesterday settles after midnight and today's spend stays current. */
const HOURLY = '7 * * * *';

/**
 * Recomputes estimated costs for the payload's days, or yesterday and today when it names none
 * (the schedule's job), and raises the budget crossings they lead to. With Cost Explorer enabled,
 * the complete days' billed spend replaces the estimates of each team it reports for.
 */
export const computeCostsHandler: JobHandler<Payload> = {
  contract: computeCostsJob,

  async run(payload: Payload, run: JobRun) {
    const now = new Date();
    const today = utcDay(now);
    const from = payload.from ? parseIsoDay(payload.from) : addDays(today, -1);
    const to = payload.to ? parseIsoDay(payload.to) : today;
    // Billed days first: the estimates then leave them alone and budgets see what was billed.
    const isScheduled = !payload.from && !payload.to;
    const costExplorer = run.deps.isCostExplorerEnabled
      ? await readCostExplorer(run.deps, {
          from,
          to,
          now,
          jobId: run.jobId,
          ...(isScheduled ? { rereadAfterMs: SCHEDULED_REREAD_AFTER_MS } : {}),
        })
      : null;
    const estimates = await recomputeCosts(run.deps.db, {
      from,
      to,
      now,
      queue: run.deps.queue,
      requestId: run.jobId,
    });
    return costExplorer ? { ...estimates, costExplorer } : estimates;
  },
};

/**
 * Puts the computation on pg-boss's schedule (every worker calls this at start; pg-boss sends each
 * hour's job once) and sends one run now, so a worker coming back after an outage brings yesterday
 * and today up to date without waiting for the hour. Older days missed are a backfill
 * (`cost.recompute`, or the Recompute form on the costs overview).
 */
export async function scheduleCostComputation(queue: JobQueue): Promise<void> {
  // Each run covers yesterday and today, so hours missed while no worker ran make one run, not many.
  await queue.schedule(computeCostsJob.name, HOURLY, {}, { tz: 'UTC', missed: 'once' });
  // Several workers starting together share one catch-up run while it waits.
  await queue.send(computeCostsJob.name, {}, { singletonKey: 'startup' });
}

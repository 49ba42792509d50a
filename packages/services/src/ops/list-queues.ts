import { requireQueue, type ServiceContext } from '../context';

interface StateCount {
  name: string;
  state: string;
  count: bigint;
}

/**
 * Every queue with its jobs counted by state, for the operations page. Counted here rather than
 * read from pg-boss's queue stats, which only its supervisor refreshes, on an interval.
 */
export async function listQueues(ctx: ServiceContext) {
  const queues = await requireQueue(ctx).getQueues();
  const counts = await ctx.db.$queryRaw<StateCount[]>`
    SELECT name, state::text AS state, count(*) AS count FROM pgboss.job GROUP BY name, state`;
  const countOf = (name: string, ...states: string[]) =>
    counts
      .filter((row) => row.name === name && states.includes(row.state))
      .reduce((sum, row) => sum + Number(row.count), 0);
  return queues
    .map((queue) => ({
      name: queue.name,
      waiting: countOf(queue.name, 'created', 'retry'),
      active: countOf(queue.name, 'active'),
      completed: countOf(queue.name, 'completed'),
      failed: countOf(queue.name, 'failed'),
      retryLimit: queue.retryLimit ?? 0,
      deadLetter: queue.deadLetter ?? null,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

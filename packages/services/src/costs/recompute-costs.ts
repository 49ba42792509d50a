import type { Actor } from '@cairn/core/actor';
import { eachDay, isoDay, monthStart, utcDay } from '@cairn/core/costs/cost-calendar';
import { appendAuditEvent } from '@cairn/db/audit-writer';
import type { PrismaClient } from '@cairn/db/client';
import { systemRequest } from '../context';
import type { JobQueue } from '../jobs/job-queue';
import { COST_ACTOR } from './cost-actor';
import { costRowsForDays } from './day-cost-rows';
import { evaluateBudgetThresholds } from './evaluate-budget-thresholds';

export interface RecomputeReport {
  days: number;
  entries: number;
  crossings: number;
}

/**
 * Recomputes the estimated cost entries of each day in [from, to] (UTC days; today up to `now`):
 * each day's ESTIMATE entries are deleted and replaced in one transaction, so rerunning a day
 * gives the same rows and a reader never sees half a day. Cost Explorer entries are left alone,
 * and a team whose day Cost Explorer billed gets no estimates for it.
 * Then checks every budget of the months touched against its thresholds. Audited once per run.
 */
export async function recomputeCosts(
  db: PrismaClient,
  input: {
    from: Date;
    to: Date;
    now: Date;
    teamIds?: readonly string[];
    queue?: JobQueue;
    requestId?: string;
    actor?: Actor;
  },
): Promise<RecomputeReport> {
  const from = utcDay(input.from);
  const to = utcDay(input.to);
  const rowsByDay = await costRowsForDays(db, { from, to, now: input.now, teamIds: input.teamIds });
  const teamFilter = input.teamIds ? { teamId: { in: [...input.teamIds] } } : {};
  let entries = 0;
  for (const day of eachDay(from, to)) {
    entries += await db.$transaction(async (tx) => {
      // Two recomputations of the same day take turns instead of interleaving deletes and inserts.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`costs:${isoDay(day)}`}))`;
      // A team whose day Cost Explorer billed keeps those rows instead of estimates.
      const billed = await tx.costEntry.findMany({
        where: { day, source: 'COST_EXPLORER', ...teamFilter },
        select: { teamId: true },
        distinct: ['teamId'],
      });
      const billedTeams = new Set(billed.map((entry) => entry.teamId));
      const rows = (rowsByDay.get(day.getTime()) ?? []).filter((row) => !billedTeams.has(row.teamId));
      await tx.costEntry.deleteMany({ where: { day, source: 'ESTIMATE', ...teamFilter } });
      if (rows.length > 0)
        await tx.costEntry.createMany({ data: rows.map((row) => ({ ...row, source: 'ESTIMATE' })) });
      return rows.length;
    });
  }
  const months = [...new Set(eachDay(from, to).map((day) => monthStart(day).getTime()))].map(
    (ms) => new Date(ms),
  );
  let crossings = 0;
  for (const month of months) {
    crossings += await evaluateBudgetThresholds(db, {
      month,
      teamIds: input.teamIds,
      queue: input.queue,
      requestId: input.requestId,
    });
  }
  const actor = input.actor ?? COST_ACTOR;
  await db.$transaction((tx) =>
    appendAuditEvent(tx, {
      actor,
      request: { ...systemRequest(COST_ACTOR.label), requestId: input.requestId ?? crypto.randomUUID() },
      action: 'cost.recompute',
      resourceType: 'CostEntry',
      outcome: 'SUCCESS',
      after: { from: isoDay(from), to: isoDay(to), teams: input.teamIds ?? 'all', entries, crossings },
    }),
  );
  return { days: eachDay(from, to).length, entries, crossings };
}

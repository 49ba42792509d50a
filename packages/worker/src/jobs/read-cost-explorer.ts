import { addDays, eachDay, isoDay, utcDay } from '@cairn/core/costs/cost-calendar';
import { recordCostExplorerDay } from '@cairn/services/costs/record-cost-explorer-day';
import { getDailyCostsByTag } from '../aws/adapters/cost-explorer';
import type { WorkerDeps } from './job-runner';
import { openTeamAws } from './team-aws';

const COSTS = { requestedByUserId: null, requestedByLabel: 'cairn-costs' };

export interface CostExplorerReport {
  /** Team-days whose entries now come from Cost Explorer. */
  recorded: { teamId: string; day: string; entries: number }[];
  failed: { teamId: string; reason: string }[];
  /** Teams read recently enough (`rereadAfterMs`) to be left until a later run. */
  recentlyRead: string[];
}

/** Cost Explorer bills each GetCostAndUsage request, so the hourly schedule reads a team a few times a day. */
export const SCHEDULED_REREAD_AFTER_MS = 6 * 3_600_000;

/**
 * Reads each team's billed spend per deployment from Cost Explorer (grouped by the
 * `cairn:deployment` tag, filtered on the team's `cairn:team` tag) for the complete days of
 * [from, to] (today is left to the estimates) and records each day that has spend in place of
 * the team's entries. A team without a role is skipped; one team's AWS failure is logged and
 * leaves its days on estimates. With `rereadAfterMs`, a team whose last successful read is more
 * recent is skipped.
 */
export async function readCostExplorer(
  deps: WorkerDeps,
  input: { from: Date; to: Date; now: Date; jobId: string; rereadAfterMs?: number },
): Promise<CostExplorerReport> {
  const report: CostExplorerReport = { recorded: [], failed: [], recentlyRead: [] };
  const from = utcDay(input.from);
  const yesterday = addDays(utcDay(input.now), -1);
  const to = utcDay(input.to) < yesterday ? utcDay(input.to) : yesterday;
  if (from > to) return report;
  const teams = await deps.db.team.findMany({ where: { iamRoleArn: { not: null } } });
  for (const team of teams) {
    if (
      input.rereadAfterMs !== undefined &&
      (await wasReadSince(deps, team.id, input.now, input.rereadAfterMs))
    ) {
      report.recentlyRead.push(team.id);
      continue;
    }
    const aws = openTeamAws(deps, { team, requester: COSTS, jobId: input.jobId });
    try {
      const costs = await getDailyCostsByTag(
        { client: aws.clients.costExplorer, call: aws.call },
        {
          start: isoDay(from),
          end: isoDay(addDays(to, 1)),
          groupTag: 'cairn:deployment',
          filterTag: 'cairn:team',
          filterValue: team.slug,
        },
      );
      for (const day of eachDay(from, to)) {
        const groups = costs
          .filter((cost) => cost.day === isoDay(day))
          .map((cost) => ({ deploymentTag: cost.tagValue, amountUsd: cost.amountUsd }));
        if (groups.length === 0) continue;
        const entries = await recordCostExplorerDay(deps.db, {
          teamId: team.id,
          day,
          groups,
          requestId: input.jobId,
        });
        report.recorded.push({ teamId: team.id, day: isoDay(day), entries });
      }
    } catch (error) {
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      deps.logger.warn({ teamId: team.id, reason }, 'Cost Explorer read failed; the team keeps estimates');
      report.failed.push({ teamId: team.id, reason });
    } finally {
      aws.close();
    }
  }
  return report;
}

/** The audit trail of AWS calls is the record of when a team's spend was last read. */
async function wasReadSince(deps: WorkerDeps, teamId: string, now: Date, ms: number): Promise<boolean> {
  const read = await deps.db.auditEvent.findFirst({
    where: {
      action: 'aws.ce.GetCostAndUsage',
      teamId,
      outcome: 'SUCCESS',
      occurredAt: { gt: new Date(now.getTime() - ms) },
    },
    select: { seq: true },
  });
  return read !== null;
}

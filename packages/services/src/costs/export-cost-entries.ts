import { addDays, isoDay, parseIsoDay } from '@cairn/core/costs/cost-calendar';
import type { CostEntriesExportInput } from '@cairn/core/schemas/cost';
import { recordAudit } from '../audit/record-audit';
import { authorizeCostAccess } from '../budgets/budget-access';
import type { ServiceContext } from '../context';

const PAGE = 1_000;

export const COST_CSV_COLUMNS = [
  'day',
  'team_id',
  'project_id',
  'project',
  'deployment_id',
  'deployment',
  'resource_kind',
  'description',
  'quantity',
  'unit',
  'amount_usd',
  'source',
] as const;

/** A CSV field: quoted when it holds a comma, quote or line break; a leading formula sign is neutralised. */
function field(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * A team's cost entries for a range of days as CSV, oldest day first: authorized like the cost
 * page, audited when the export starts, and read a page at a time (keyset on day, id)
 * so a long range is never held in memory.
 */
export async function exportCostEntries(
  ctx: ServiceContext,
  input: CostEntriesExportInput,
): Promise<AsyncGenerator<string>> {
  await authorizeCostAccess(ctx.db, ctx.actor, input.teamId, 'view');
  const from = parseIsoDay(input.from);
  const toExclusive = addDays(parseIsoDay(input.to), 1);
  await ctx.db.$transaction((tx) =>
    recordAudit(tx, ctx, {
      action: 'cost.export',
      resourceType: 'CostEntry',
      teamId: input.teamId,
      after: { from: input.from, to: input.to, format: 'csv' },
    }),
  );
  const db = ctx.db;
  async function* lines() {
    yield `${COST_CSV_COLUMNS.join(',')}\n`;
    let cursor: { day: Date; id: string } | undefined;
    for (;;) {
      const page = await db.costEntry.findMany({
        where: {
          teamId: input.teamId,
          day: { gte: from, lt: toExclusive },
          ...(cursor
            ? { OR: [{ day: { gt: cursor.day } }, { day: cursor.day, id: { gt: cursor.id } }] }
            : {}),
        },
        orderBy: [{ day: 'asc' }, { id: 'asc' }],
        take: PAGE,
        include: {
          project: { select: { name: true } },
          deployment: { select: { awsResourceName: true } },
        },
      });
      if (page.length === 0) return;
      yield page
        .map(
          (entry) =>
            `${[
              isoDay(entry.day),
              entry.teamId,
              entry.projectId ?? '',
              entry.project?.name ?? '',
              entry.deploymentId ?? '',
              entry.deployment?.awsResourceName ?? '',
              entry.resourceKind,
              entry.description,
              entry.quantity.toString(),
              entry.unit,
              entry.amountUsd.toString(),
              entry.source,
            ]
              .map(field)
              .join(',')}\n`,
        )
        .join('');
      const last = page.at(-1)!;
      cursor = { day: last.day, id: last.id };
    }
  }
  return lines();
}

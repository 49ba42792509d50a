import { reachedThresholds } from '@cairn/core/costs/budget-status';
import { isoDay, nextMonthStart } from '@cairn/core/costs/cost-calendar';
import { formatUsd } from '@cairn/core/deployments/cost-line';
import { appendAuditEvent } from '@cairn/db/audit-writer';
import type { PrismaClient, Tx } from '@cairn/db/client';
import { systemRequest } from '../context';
import type { JobQueue } from '../jobs/job-queue';
import { notify } from '../notifications/notify';
import { emitWebhookEvent } from '../webhooks/emit-webhook-event';
import { COST_ACTOR } from './cost-actor';

interface BudgetRow {
  id: string;
  teamId: string;
  projectId: string | null;
  monthlyUsd: unknown;
  thresholdsPercent: number[];
  ownerId: string | null;
  team: { name: string };
  project: { name: string } | null;
}

/**
 * Compares each budget's spend in `month` with its thresholds and records every threshold reached
 * for the first time. The crossing's unique key (budget, month, threshold) makes the insert a no-op
 * when it exists, and only an inserted crossing notifies (owner, team admins, org admins), announces
 * `budget.threshold_crossed` on the webhooks of the projects it covers, and is audited: exactly once
 * however often the month is recomputed. Answers how many crossings were new.
 */
export async function evaluateBudgetThresholds(
  db: PrismaClient,
  input: { month: Date; teamIds?: readonly string[]; queue?: JobQueue; requestId?: string },
): Promise<number> {
  const teamFilter = input.teamIds ? { teamId: { in: [...input.teamIds] } } : {};
  const budgets = await db.budget.findMany({
    where: teamFilter,
    include: { team: { select: { name: true } }, project: { select: { name: true } } },
  });
  if (budgets.length === 0) return 0;
  const dayRange = { gte: input.month, lt: nextMonthStart(input.month) };
  const [byTeam, byProject] = await Promise.all([
    db.costEntry.groupBy({
      by: ['teamId'],
      where: { ...teamFilter, day: dayRange },
      _sum: { amountUsd: true },
    }),
    db.costEntry.groupBy({
      by: ['projectId'],
      where: { ...teamFilter, day: dayRange, projectId: { not: null } },
      _sum: { amountUsd: true },
    }),
  ]);
  const recorded = await db.budgetThresholdCrossing.findMany({
    where: { budgetId: { in: budgets.map((budget) => budget.id) }, month: input.month },
    select: { budgetId: true, thresholdPercent: true },
  });
  const isRecorded = new Set(recorded.map((crossing) => `${crossing.budgetId}:${crossing.thresholdPercent}`));
  const teamSpend = new Map(byTeam.map((row) => [row.teamId, Number(row._sum.amountUsd ?? 0)]));
  const projectSpend = new Map(byProject.map((row) => [row.projectId, Number(row._sum.amountUsd ?? 0)]));
  let inserted = 0;
  for (const budget of budgets) {
    const spent = budget.projectId
      ? (projectSpend.get(budget.projectId) ?? 0)
      : (teamSpend.get(budget.teamId) ?? 0);
    // Already recorded ones are skipped here to save a transaction; the unique key still decides.
    const reached = reachedThresholds(spent, Number(budget.monthlyUsd), budget.thresholdsPercent).filter(
      (percent) => !isRecorded.has(`${budget.id}:${percent}`),
    );
    if (reached.length === 0) continue;
    inserted += await db.$transaction(async (tx) => {
      const created = await tx.budgetThresholdCrossing.createManyAndReturn({
        data: reached.map((thresholdPercent) => ({
          budgetId: budget.id,
          teamId: budget.teamId,
          month: input.month,
          thresholdPercent,
          spentUsd: Math.round(spent * 100) / 100,
          budgetUsd: Number(budget.monthlyUsd),
        })),
        skipDuplicates: true,
        select: { id: true, thresholdPercent: true },
      });
      for (const crossing of created) await announceCrossing(tx, budget, crossing, spent, input);
      return created.length;
    });
  }
  return inserted;
}

async function announceCrossing(
  tx: Tx,
  budget: BudgetRow,
  crossing: { id: string; thresholdPercent: number },
  spent: number,
  input: { month: Date; queue?: JobQueue; requestId?: string },
) {
  const budgetUsd = Number(budget.monthlyUsd);
  const scope = budget.project ? `${budget.team.name} / ${budget.project.name}` : budget.team.name;
  const month = isoDay(input.month).slice(0, 7);
  const title = `${scope} reached ${crossing.thresholdPercent}% of its ${month} budget`;
  const body = `${formatUsd(spent)} spent of ${formatUsd(budgetUsd)} this month.`;
  const link = `/teams/${budget.teamId}/costs`;
  const [admins, orgAdmins] = await Promise.all([
    tx.membership.findMany({
      where: { teamId: budget.teamId, role: 'ADMIN', user: { disabledAt: null } },
      select: { userId: true },
    }),
    tx.user.findMany({ where: { isOrgAdmin: true, disabledAt: null }, select: { id: true } }),
  ]);
  const recipients = [
    ...(budget.ownerId ? [budget.ownerId] : []),
    ...admins.map((member) => member.userId),
    ...orgAdmins.map((user) => user.id),
  ];
  await notify(tx, recipients, {
    teamId: budget.teamId,
    kind: 'budget.threshold_crossed',
    title,
    body,
    link,
  });
  const projects = budget.projectId
    ? [{ id: budget.projectId }]
    : await tx.project.findMany({ where: { teamId: budget.teamId, archivedAt: null }, select: { id: true } });
  for (const project of projects) {
    await emitWebhookEvent(tx, input.queue, {
      teamId: budget.teamId,
      projectId: project.id,
      event: 'budget.threshold_crossed',
      data: {
        budgetId: budget.id,
        budgetProjectId: budget.projectId,
        month,
        thresholdPercent: crossing.thresholdPercent,
        spentUsd: Math.round(spent * 100) / 100,
        budgetUsd,
        text: `${title}: ${body}`,
        link,
      },
    });
  }
  await appendAuditEvent(tx, {
    actor: COST_ACTOR,
    request: { ...systemRequest(COST_ACTOR.label), requestId: input.requestId ?? crypto.randomUUID() },
    action: 'budget.thresholdCrossed',
    resourceType: 'Budget',
    resourceId: budget.id,
    teamId: budget.teamId,
    outcome: 'SUCCESS',
    reason: title,
    after: {
      crossingId: crossing.id,
      month,
      thresholdPercent: crossing.thresholdPercent,
      spentUsd: spent,
      budgetUsd,
    },
  });
}

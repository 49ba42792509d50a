import { currentMonthlyUsd } from '@cairn/core/deployments/shadow-cost';
import type { Db } from '@cairn/db/client';

/** Deployments that cost money every month until someone deletes them. */
export const LIVE_DEPLOYMENT_STATUSES = [
  'PENDING',
  'CREATING',
  'UPDATING',
  'IN_SERVICE',
  'ROLLING_BACK',
] as const;

/**
 * What is left of the team's monthly budget (its team-wide Budget) for new spend: the budget minus
 * the predicted monthly cost of what the team already runs, without a shadow variant that has
 * ended. Null when the team has no team-wide budget.
 */
export async function remainingMonthlyBudget(
  db: Db,
  teamId: string,
  options: { excludingDeploymentIds?: readonly string[] } = {},
): Promise<{ budgetUsd: number; committedUsd: number; remainingUsd: number } | null> {
  const budget = await db.budget.findFirst({
    where: { teamId, projectId: null },
    orderBy: { createdAt: 'asc' },
    select: { monthlyUsd: true },
  });
  if (!budget) return null;
  const live = await db.deployment.findMany({
    where: {
      teamId,
      status: { in: [...LIVE_DEPLOYMENT_STATUSES] },
      ...(options.excludingDeploymentIds?.length
        ? { id: { notIn: [...options.excludingDeploymentIds] } }
        : {}),
    },
    select: {
      predictedMonthlyUsd: true,
      createdAt: true,
      endedAt: true,
      spec: true,
      inServiceAt: true,
      shadowEndedAt: true,
    },
  });
  const budgetUsd = Number(budget.monthlyUsd);
  const committedUsd =
    Math.round(live.reduce((sum, deployment) => sum + currentMonthlyUsd(deployment), 0) * 100) / 100;
  return { budgetUsd, committedUsd, remainingUsd: budgetUsd - committedUsd };
}

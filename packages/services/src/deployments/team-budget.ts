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
 * What is left of the team's monthly budget for new spend: the budget minus the predicted monthly
 * cost of what the team already runs. Null when the team has no budget.
 */
export async function remainingMonthlyBudget(
  db: Db,
  teamId: string,
  options: { excludingDeploymentIds?: readonly string[] } = {},
): Promise<{ budgetUsd: number; committedUsd: number; remainingUsd: number } | null> {
  const team = await db.team.findUniqueOrThrow({ where: { id: teamId }, select: { monthlyBudgetUsd: true } });
  if (team.monthlyBudgetUsd === null) return null;
  const committed = await db.deployment.aggregate({
    where: {
      teamId,
      status: { in: [...LIVE_DEPLOYMENT_STATUSES] },
      ...(options.excludingDeploymentIds?.length
        ? { id: { notIn: [...options.excludingDeploymentIds] } }
        : {}),
    },
    _sum: { predictedMonthlyUsd: true },
  });
  const budgetUsd = Number(team.monthlyBudgetUsd);
  const committedUsd = Number(committed._sum.predictedMonthlyUsd ?? 0);
  return { budgetUsd, committedUsd, remainingUsd: budgetUsd - committedUsd };
}

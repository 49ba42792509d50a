import { HOURS_PER_MONTH } from '@cairn/core/deployments/cost-preview';

/**
 * Cost so far, from the predicted monthly cost and the hours the deployment has been up (from
 * creation: SageMaker bills instances from the moment they start). An estimate until cost entries
 * from what actually ran exist.
 */
export function accruedCostUsd(
  deployment: { predictedMonthlyUsd: unknown; createdAt: Date; endedAt: Date | null },
  now: Date,
): number {
  const end = deployment.endedAt ?? now;
  const hours = Math.max(0, (end.getTime() - deployment.createdAt.getTime()) / 3_600_000);
  return Math.round((Number(deployment.predictedMonthlyUsd) / HOURS_PER_MONTH) * hours * 100) / 100;
}

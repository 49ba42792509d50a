import { HOURS_PER_MONTH } from './cost-preview';
import { findInstanceType } from './instance-catalogue';
import { shadowWindowOf } from './shadow-window';

const HOUR_MS = 3_600_000;

interface CostedDeployment {
  predictedMonthlyUsd: unknown;
  createdAt: Date;
  endedAt: Date | null;
  spec: unknown;
  inServiceAt: Date | null;
  shadowEndedAt: Date | null;
}

/**
 * A shadow test's cost split as the preview priced it: the shadow variant (same type and count as
 * production) by the hour, and what the month costs without it. Null for other deployments.
 */
function shadowSplit(deployment: CostedDeployment) {
  const window = shadowWindowOf(deployment);
  const spec = deployment.spec as { instanceType?: string; initialInstanceCount?: number };
  const instance = spec.instanceType ? findInstanceType(spec.instanceType) : undefined;
  if (!window || !instance) return null;
  const shadowHourlyUsd = instance.pricePerHourUsd * (spec.initialInstanceCount ?? 1);
  const shadowMonthlyUsd = shadowHourlyUsd * Math.min(window.days * 24, HOURS_PER_MONTH);
  return {
    shadowHourlyUsd,
    baseMonthlyUsd: Math.max(0, Number(deployment.predictedMonthlyUsd) - shadowMonthlyUsd),
  };
}

const cents = (usd: number) => Math.round(usd * 100) / 100;

/**
 * Cost so far, from the predicted monthly cost and the hours the deployment has been up (from
 * creation: SageMaker bills instances from the moment they start). A shadow test's shadow variant
 * counts for the hours it ran, until it ended, rather than spread over the month. An estimate until
 * cost entries from what actually ran exist.
 */
export function accruedCostUsd(deployment: CostedDeployment, now: Date): number {
  const end = deployment.endedAt ?? now;
  const hours = Math.max(0, (end.getTime() - deployment.createdAt.getTime()) / HOUR_MS);
  const split = shadowSplit(deployment);
  if (!split) return cents((Number(deployment.predictedMonthlyUsd) / HOURS_PER_MONTH) * hours);
  const shadowEnd = Math.min((deployment.shadowEndedAt ?? end).getTime(), end.getTime());
  const shadowHours = Math.max(0, (shadowEnd - deployment.createdAt.getTime()) / HOUR_MS);
  return cents((split.baseMonthlyUsd / HOURS_PER_MONTH) * hours + split.shadowHourlyUsd * shadowHours);
}

/** The predicted monthly cost as it stands: without the shadow variant once it has ended. */
export function currentMonthlyUsd(deployment: CostedDeployment): number {
  const split = deployment.shadowEndedAt ? shadowSplit(deployment) : null;
  return cents(split ? split.baseMonthlyUsd : Number(deployment.predictedMonthlyUsd));
}

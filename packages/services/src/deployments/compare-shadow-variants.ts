import {
  compareShadowVariants,
  SHADOW_COMPARISON_METRICS,
  type VariantStats,
} from '@cairn/core/deployments/shadow-comparison';
import { shadowWindowOf } from '@cairn/core/deployments/shadow-window';
import { conflict } from '@cairn/core/errors';
import { RANGE_MINUTES } from '@cairn/core/monitoring/monitoring-schemas';
import type { ShadowComparisonInput } from '@cairn/core/schemas/shadow-request';
import type { ServiceContext } from '../context';
import { deploymentForPerson } from './load-deployment';

const MINUTE_MS = 60_000;
/** The variant Cairn names the shadow in the endpoint config. */
export const SHADOW_VARIANT_NAME = 'shadow';
/** The endpoint as a whole, rolled up from its production variants, is stored under ''. */
const PRODUCTION_ROLLUP = '';

/**
 * A shadow test's production against shadow over a range, per metric, from the stored minutes:
 * each side's value, the difference in percent and whether the shadow does better or worse; and
 * the shadow's window (its share of copied requests, when it ends or ended).
 */
export async function compareShadowDeployment(ctx: ServiceContext, input: ShadowComparisonInput) {
  const { deployment } = await deploymentForPerson(ctx.db, ctx, input, 'project:read');
  const window = shadowWindowOf(deployment);
  if (!window) throw conflict('This deployment is not a shadow test: there is no shadow variant to compare');
  const to = new Date();
  const from = new Date(to.getTime() - RANGE_MINUTES[input.range] * MINUTE_MS);
  const metrics = [...SHADOW_COMPARISON_METRICS];
  const rows = await ctx.db.$queryRaw<
    { metric: string; variant: string; mean: number; p99: number; sum: number; minutes: number }[]
  >`
    SELECT metric, variant,
           avg(value)::float8 AS mean,
           percentile_cont(0.99) WITHIN GROUP (ORDER BY value)::float8 AS p99,
           sum(value)::float8 AS sum,
           count(*)::int AS minutes
    FROM "DeploymentMetricPoint"
    WHERE "deploymentId" = ${deployment.id}::uuid
      AND minute >= ${from} AND minute <= ${to}
      AND metric = ANY(${metrics}::text[])
      AND variant IN (${PRODUCTION_ROLLUP}, ${SHADOW_VARIANT_NAME})
    GROUP BY metric, variant`;
  const production = new Map<string, VariantStats>();
  const shadow = new Map<string, VariantStats>();
  for (const row of rows) {
    const side = row.variant === SHADOW_VARIANT_NAME ? shadow : production;
    side.set(row.metric, { mean: row.mean, p99: row.p99, sum: row.sum });
  }
  const minutesOf = (variant: string) =>
    rows.find((row) => row.metric === 'invocations' && row.variant === variant)?.minutes ?? 0;
  return {
    deploymentId: deployment.id,
    range: input.range,
    from,
    to,
    window: {
      ...window,
      isRunning: deployment.status === 'IN_SERVICE' && window.endedAt === null,
    },
    canEnd: deployment.status === 'IN_SERVICE' && window.endedAt === null,
    productionMinutes: minutesOf(PRODUCTION_ROLLUP),
    shadowMinutes: minutesOf(SHADOW_VARIANT_NAME),
    rows: compareShadowVariants(production, shadow),
  };
}

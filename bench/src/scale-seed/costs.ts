import { createPrismaClient } from '@cairn/db/client';
import { recomputeCosts } from '@cairn/services/costs/recompute-costs';
import type { ScaleSpec } from './layout';

/**
 * The daily cost estimates of every deployment over the metrics' window, made by the service the
 * worker runs nightly, so the cost pages read the scale seed's spend (it audits its run once).
 */
export async function seedCosts(databaseUrl: string, spec: ScaleSpec, metricsEnd: Date): Promise<number> {
  const db = createPrismaClient({ connectionString: databaseUrl, maxConnections: 2 });
  try {
    const report = await recomputeCosts(db, {
      from: new Date(metricsEnd.getTime() - spec.metricDays * 86_400_000),
      to: metricsEnd,
      now: metricsEnd,
      requestId: `cairn-bench-scale-seed-${spec.seed}`,
    });
    return report.entries;
  } finally {
    await db.$disconnect();
  }
}

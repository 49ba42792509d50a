import { addDays, eachDay, utcDay } from '@cairn/core/costs/cost-calendar';
import { createPrismaClient } from '@cairn/db/client';
import {
  prepareTestServer,
  randomDatabaseName,
  startEmbeddedTestServer,
  TEMPLATE_DATABASE,
  withAdmin,
  withDatabase,
} from '@cairn/db/testing/test-server';
import { type CostRow, costRowsForDays } from '@cairn/services/costs/day-cost-rows';
import { recomputeCosts } from '@cairn/services/costs/recompute-costs';
import { seedCostBench } from './cost-bench-seed';
import { median, ms } from './measure';

const TEAMS = Number(process.env.BENCH_COST_TEAMS ?? 50);
const DAYS = Number(process.env.BENCH_COST_DAYS ?? 90);
const RUNS = 3;

/**
 * Recomputing DAYS days of costs for TEAMS teams (the backfill the cost.compute job runs for a
 * range), first on an empty table, then again over its own rows (each day deleted and replaced in
 * one transaction), against a baseline that writes the same rows the same way without computing
 * them: the difference is what reading what ran and pricing it costs.
 */
async function main() {
  const embedded = process.env.TEST_DATABASE_URL ? null : await startEmbeddedTestServer();
  const adminUrl = process.env.TEST_DATABASE_URL ?? embedded?.adminUrl ?? '';
  await prepareTestServer(adminUrl);
  const database = randomDatabaseName('cairn_bench');
  await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE ${database} TEMPLATE ${TEMPLATE_DATABASE}`));
  const db = createPrismaClient({ connectionString: withDatabase(adminUrl, database), maxConnections: 8 });
  try {
    const now = new Date();
    const from = addDays(utcDay(now), -(DAYS - 1));
    const seeded = await seedCostBench(db, { teams: TEAMS, days: DAYS }, now);
    const recompute = () => recomputeCosts(db, { from, to: now, now });
    let startedAt = performance.now();
    const first = await recompute();
    const cold = performance.now() - startedAt;
    const again: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      startedAt = performance.now();
      await recompute();
      again.push(performance.now() - startedAt);
    }
    const pricing: number[] = [];
    let rowsByDay = new Map<number, CostRow[]>();
    for (let run = 0; run < RUNS; run++) {
      startedAt = performance.now();
      rowsByDay = await costRowsForDays(db, { from, to: now, now });
      pricing.push(performance.now() - startedAt);
    }
    const baseline: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      startedAt = performance.now();
      for (const day of eachDay(from, now)) {
        const rows = rowsByDay.get(day.getTime()) ?? [];
        await db.$transaction(async (tx) => {
          await tx.costEntry.deleteMany({ where: { day, source: 'ESTIMATE' } });
          await tx.costEntry.createMany({
            data: rows.map((row) => ({ ...row, source: 'ESTIMATE' as const })),
          });
        });
      }
      baseline.push(performance.now() - startedAt);
    }
    console.log(
      `\n${TEAMS} teams, ${DAYS} days: ${seeded.deployments.toLocaleString()} deployments, ${seeded.pipelineRuns.toLocaleString()} pipeline runs -> ${first.entries.toLocaleString()} cost entries, ${first.crossings} threshold crossings\n`,
    );
    console.log('| cost recomputation | time | entries/s |');
    console.log('| --- | ---: | ---: |');
    const rate = (time: number) => Math.round(first.entries / (time / 1000)).toLocaleString();
    console.log(`| first computation (empty table, crossings recorded) | ${ms(cold)} | ${rate(cold)} |`);
    console.log(
      `| recompute over its own rows, median of ${RUNS} | ${ms(median(again))} | ${rate(median(again))} |`,
    );
    console.log(`| of which reading what ran and pricing it, median of ${RUNS} | ${ms(median(pricing))} | |`);
    console.log(
      `| baseline: replace the same rows per day, precomputed, median of ${RUNS} | ${ms(median(baseline))} | ${rate(median(baseline))} |`,
    );
  } finally {
    await db.$disconnect();
    await withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
    await embedded?.stop();
  }
}

void main();

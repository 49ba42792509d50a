import { createPrismaClient } from '@cairn/db/client';
import {
  prepareTestServer,
  randomDatabaseName,
  startEmbeddedTestServer,
  TEMPLATE_DATABASE,
  withAdmin,
  withDatabase,
} from '@cairn/db/testing/test-server';
import { enqueueJob } from '@cairn/services/jobs/enqueue-job';
import type { JobContract } from '@cairn/services/jobs/job-contracts';
import { startJobQueue } from '@cairn/services/jobs/job-queue';
import type { TeamCredentialsProvider } from '@cairn/worker/aws/team-credentials';
import { type JobHandler, registerHandlers } from '@cairn/worker/jobs/job-runner';
import { pino } from 'pino';
import { z } from 'zod';
import { median } from './measure';

const JOBS = Number(process.env.BENCH_OUTBOX_JOBS ?? 2_000);
const RUNS = 3;
const WORK = { batchSize: 20, localConcurrency: 4, pollingIntervalSeconds: 0.5 };

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

/**
 * Jobs per second through the outbox (a Prisma transaction that enqueues, then the worker's runner)
 * against a bare pg-boss send/work loop on the same database in the same run, and the latency from
 * enqueue to handler start.
 */
async function main() {
  const embedded = process.env.TEST_DATABASE_URL ? null : await startEmbeddedTestServer();
  const adminUrl = process.env.TEST_DATABASE_URL ?? embedded?.adminUrl ?? '';
  await prepareTestServer(adminUrl);
  const database = randomDatabaseName('cairn_bench');
  await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE ${database} TEMPLATE ${TEMPLATE_DATABASE}`));
  const url = withDatabase(adminUrl, database);
  const db = createPrismaClient({ connectionString: url, maxConnections: 8 });
  const producer = await startJobQueue({ connectionString: url, role: 'producer' });
  const worker = await startJobQueue({ connectionString: url, role: 'worker' });
  const results = {
    outbox: [] as number[],
    bare: [] as number[],
    outboxLatency: [] as number[],
    bareLatency: [] as number[],
  };
  try {
    for (let run = 0; run < RUNS; run++) {
      // Outbox: enqueue inside a transaction, handled by the worker's runner.
      const contract: JobContract<{ sentAt: number }> = {
        name: `bench.outbox.${run}`,
        payload: z.object({ sentAt: z.number() }),
        retryLimit: 0,
        retryDelay: 1,
        retryDelayMax: 1,
        expireInSeconds: 60,
      };
      await producer.createQueue(contract.name, { retryLimit: 0 });
      const outboxLatencies: number[] = [];
      let outboxDone = 0;
      const handler: JobHandler<{ sentAt: number }> = {
        contract,
        async run(payload) {
          outboxLatencies.push(Date.now() - payload.sentAt);
          outboxDone++;
        },
      };
      const deps = {
        db,
        credentials: {} as TeamCredentialsProvider,
        awsEndpoint: null,
        logger: pino({ level: 'silent' }),
      };
      await registerHandlers(worker, [handler as JobHandler<never>], deps, WORK);
      let startedAt = performance.now();
      for (let i = 0; i < JOBS; i++) {
        await db.$transaction((tx) => enqueueJob(tx, producer, contract, { sentAt: Date.now() }));
      }
      while (outboxDone < JOBS) await new Promise((resolve) => setTimeout(resolve, 20));
      results.outbox.push(JOBS / ((performance.now() - startedAt) / 1000));
      results.outboxLatency.push(...outboxLatencies);
      await worker.offWork(contract.name);

      // Baseline: pg-boss alone, send without a transaction, the same work options.
      const bareName = `bench.bare.${run}`;
      await producer.createQueue(bareName, { retryLimit: 0 });
      const bareLatencies: number[] = [];
      let bareDone = 0;
      await worker.work<{ sentAt: number }>(bareName, WORK, async (jobs) => {
        for (const job of jobs) {
          bareLatencies.push(Date.now() - job.data.sentAt);
          bareDone++;
        }
      });
      startedAt = performance.now();
      for (let i = 0; i < JOBS; i++) await producer.send(bareName, { sentAt: Date.now() });
      while (bareDone < JOBS) await new Promise((resolve) => setTimeout(resolve, 20));
      results.bare.push(JOBS / ((performance.now() - startedAt) / 1000));
      results.bareLatency.push(...bareLatencies);
      await worker.offWork(bareName);
    }
    const rate = (values: number[]) => `${Math.round(median(values)).toLocaleString()} jobs/s`;
    console.log(
      `\n| outbox, ${JOBS.toLocaleString()} jobs x ${RUNS} runs (median) | throughput | enqueue→start p50 | p99 |`,
    );
    console.log('| --- | ---: | ---: | ---: |');
    console.log(
      `| Prisma transaction + enqueue, worker runner | ${rate(results.outbox)} | ${percentile(results.outboxLatency, 50)} ms | ${percentile(results.outboxLatency, 99)} ms |`,
    );
    console.log(
      `| baseline: bare pg-boss send/work | ${rate(results.bare)} | ${percentile(results.bareLatency, 50)} ms | ${percentile(results.bareLatency, 99)} ms |`,
    );
    console.log(`\noutbox / bare throughput = ${(median(results.outbox) / median(results.bare)).toFixed(2)}`);
  } finally {
    await worker.stop({ graceful: false });
    await producer.stop({ graceful: false });
    await db.$disconnect();
    await withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
    await embedded?.stop();
  }
}

void main();

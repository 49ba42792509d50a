import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { appendAuditEvent } from '@cairn/db/audit-writer';
import { createPrismaClient } from '@cairn/db/client';
import {
  prepareTestServer,
  randomDatabaseName,
  startEmbeddedTestServer,
  TEMPLATE_DATABASE,
  withAdmin,
  withDatabase,
} from '@cairn/db/testing/test-server';
import { systemRequest } from '@cairn/services/context';
import pg from 'pg';
import { measureExport, measurePageDepths, measureVerification } from './audit-trail-workloads';
import { median, ms, timeRuns } from './measure';
import { seedAuditChain } from './seed-audit-chain';

const EVENTS = Number(process.env.BENCH_AUDIT_EVENTS ?? 200_000);
const RUNS = 5;
const VERIFY_RUNS = Number(process.env.BENCH_AUDIT_VERIFY_RUNS ?? 3);
const PAGE_RUNS = 20;
const EXPORT_RUNS = 2;

/**
 * The audit trail at scale: verifying the whole trail (chain and a signed checkpoint) against a
 * plain keyset scan of the same rows; a filtered page of the admin's list at the first, middle and
 * last page by keyset against OFFSET; the CSV export's throughput; the cost of one append.
 */
async function main() {
  const embedded = process.env.TEST_DATABASE_URL ? null : await startEmbeddedTestServer();
  const adminUrl = process.env.TEST_DATABASE_URL ?? embedded?.adminUrl ?? '';
  await prepareTestServer(adminUrl);
  const database = randomDatabaseName('cairn_bench');
  await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE ${database} TEMPLATE ${TEMPLATE_DATABASE}`));
  const url = withDatabase(adminUrl, database);
  const db = createPrismaClient({ connectionString: url, maxConnections: 4 });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const teamIds = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const startedAt = performance.now();
    await seedAuditChain(client, EVENTS, teamIds);
    await client.query('VACUUM ANALYZE "AuditEvent"');
    console.log(`seeded ${EVENTS.toLocaleString()} chained events in ${ms(performance.now() - startedAt)}`);

    const ctx = {
      db,
      actor: {
        kind: 'user' as const,
        userId: randomUUID(),
        email: 'bench@example.com',
        isOrgAdmin: true,
        memberships: [],
      },
      request: systemRequest('bench'),
    };
    const verification = await measureVerification(db, client, url, EVENTS, VERIFY_RUNS);
    const scan = await timeRuns(VERIFY_RUNS, async () => {
      let cursor = -1n;
      for (;;) {
        const batch = await db.auditEvent.findMany({
          where: { seq: { gt: cursor } },
          orderBy: { seq: 'asc' },
          take: 10_000,
        });
        const last = batch.at(-1);
        if (!last) break;
        cursor = last.seq;
      }
    });
    const teamPages = await measurePageDepths(ctx, { teamId: teamIds[1]! }, PAGE_RUNS);
    const successPages = await measurePageDepths(ctx, { teamId: teamIds[2]!, outcome: 'SUCCESS' }, PAGE_RUNS);
    const teamExport = await measureExport(ctx, { teamId: teamIds[3]! }, EXPORT_RUNS);

    const appends = await timeRuns(RUNS, () =>
      db.$transaction(async (tx) => {
        for (let i = 0; i < 20; i++) {
          await appendAuditEvent(tx, {
            actor: { kind: 'system', label: 'bench' },
            request: null,
            action: 'bench.append',
            resourceType: 'Bench',
            outcome: 'SUCCESS',
            after: { i },
          });
        }
      }),
    );

    const rate = (events: number, time: number) =>
      `${Math.round(events / (time / 1000)).toLocaleString()} events/s`;
    console.log(
      `\nload average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} on ${cpus().length} CPUs`,
    );
    console.log(`\n| audit trail, ${EVENTS.toLocaleString()} events | median | note |`);
    console.log('| --- | ---: | --- |');
    console.log(
      `| verify the whole trail, \`pnpm audit:verify\` (two worker threads) | ${ms(verification.cli)} | ${rate(EVENTS, verification.cli)}, median of ${VERIFY_RUNS}; the verifier's own CPU ${ms(verification.cliCpu)} |`,
    );
    console.log(
      `| verify the whole trail, admin page (Prisma, one thread) | ${ms(verification.page)} | ${rate(EVENTS, verification.page)} |`,
    );
    console.log(
      `| baseline: keyset scan through Prisma, no hashing | ${ms(median(scan))} | verify (pg) / scan = ${(verification.cli / median(scan)).toFixed(2)}x |`,
    );
    console.log(
      `| CSV export of one team (${teamExport.rows.toLocaleString()} rows, ${(teamExport.bytes / 1e6).toFixed(0)} MB) | ${ms(teamExport.ms)} | ${Math.round(teamExport.rowsPerSecond).toLocaleString()} rows/s, median of ${EXPORT_RUNS} |`,
    );
    console.log(`| append one event (20 per transaction) | ${ms(median(appends) / 20)} | |`);
    console.log(
      `\n| filtered page of 50, newest first (${PAGE_RUNS} runs) | keyset p50 | keyset p95 | OFFSET p50 | OFFSET p95 |`,
    );
    console.log('| --- | ---: | ---: | ---: | ---: |');
    for (const [label, results] of [
      ['team', teamPages],
      ['team + outcome', successPages],
    ] as const) {
      for (const r of results) {
        console.log(
          `| ${label}, ${r.depth} (OFFSET ${r.offset.toLocaleString()}) | ${ms(r.keysetP50)} | ${ms(r.keysetP95)} | ${ms(r.offsetP50)} | ${ms(r.offsetP95)} |`,
        );
      }
    }
  } finally {
    await client.end();
    await db.$disconnect();
    await withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
    await embedded?.stop();
  }
}

void main();

import { randomUUID } from 'node:crypto';
import { listAuditEventsInput } from '@cairn/core/schemas/audit';
import { verifyAuditIntegrity } from '@cairn/db/audit-verifier';
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
import { listAuditEvents } from '@cairn/services/audit/list-audit-events';
import { systemRequest } from '@cairn/services/context';
import pg from 'pg';
import { median, ms, timeRuns } from './measure';
import { seedAuditChain } from './seed-audit-chain';

const EVENTS = Number(process.env.BENCH_AUDIT_EVENTS ?? 200_000);
const RUNS = 5;
const PAGE = 50;

/**
 * The audit trail at scale: verifying the whole chain against a plain keyset scan of the same
 * rows (the cost of hashing), and a deep page of the admin's list by keyset against OFFSET.
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

    const verify = await timeRuns(RUNS, async () => {
      const result = await verifyAuditIntegrity(db);
      if (result.problems.some((p) => p.kind !== 'missing-checkpoints') || result.eventCount !== EVENTS) {
        throw new Error('the seeded chain must verify');
      }
    });
    const scan = await timeRuns(RUNS, async () => {
      let cursor = -1n;
      for (;;) {
        const batch = await db.auditEvent.findMany({
          where: { seq: { gt: cursor } },
          orderBy: { seq: 'asc' },
          take: 5_000,
        });
        const last = batch.at(-1);
        if (!last) break;
        cursor = last.seq;
      }
    });

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
    const deepCursor = String(Math.floor(EVENTS * 0.1));
    const keyset = await timeRuns(RUNS, () =>
      listAuditEvents(ctx, listAuditEventsInput.parse({ cursor: deepCursor, limit: PAGE })),
    );
    const offset = await timeRuns(RUNS, () =>
      db.auditEvent.findMany({ orderBy: { seq: 'desc' }, skip: EVENTS - Number(deepCursor), take: PAGE }),
    );
    const filteredKeyset = await timeRuns(RUNS, () =>
      listAuditEvents(
        ctx,
        listAuditEventsInput.parse({ teamId: teamIds[1], action: 'token.', cursor: deepCursor, limit: PAGE }),
      ),
    );

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

    const rows = [
      [
        'verify whole chain',
        median(verify),
        `${Math.round(EVENTS / (median(verify) / 1000)).toLocaleString()} events/s`,
      ],
      [
        'baseline: keyset scan, no hashing',
        median(scan),
        `verify / scan = ${(median(verify) / median(scan)).toFixed(2)}x`,
      ],
      [`list page ${PAGE} at 90% depth, keyset`, median(keyset), ''],
      [
        `baseline: same page by OFFSET ${EVENTS - Number(deepCursor)}`,
        median(offset),
        `OFFSET / keyset = ${(median(offset) / median(keyset)).toFixed(1)}x`,
      ],
      ['list page, team + action filter, keyset', median(filteredKeyset), ''],
      ['append one event (20 per transaction)', median(appends) / 20, ''],
    ] as const;
    console.log(`\n| audit trail, ${EVENTS.toLocaleString()} events (median of ${RUNS}) | time | note |`);
    console.log('| --- | ---: | --- |');
    for (const [name, time, note] of rows) console.log(`| ${name} | ${ms(time)} | ${note} |`);
  } finally {
    await client.end();
    await db.$disconnect();
    await withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
    await embedded?.stop();
  }
}

void main();

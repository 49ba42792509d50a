import { generateKeyPairSync } from 'node:crypto';
import { listAuditEventsInput } from '@cairn/core/schemas/audit';
import { parallelChainReader } from '@cairn/db/audit-chain-parallel-reader';
import { writeAuditCheckpoint } from '@cairn/db/audit-checkpoint-writer';
import { loadAuditKeys } from '@cairn/db/audit-keys';
import { verifyAuditIntegrity } from '@cairn/db/audit-verifier';
import type { PrismaClient } from '@cairn/db/client';
import { auditEventWhere } from '@cairn/services/audit/audit-event-where';
import { exportAuditEvents } from '@cairn/services/audit/export-audit-events';
import { listAuditEvents } from '@cairn/services/audit/list-audit-events';
import type { ServiceContext } from '@cairn/services/context';
import type pg from 'pg';
import { median, percentile, timeRuns } from './measure';

export interface PageDepthResult {
  depth: string;
  offset: number;
  keysetP50: number;
  keysetP95: number;
  offsetP50: number;
  offsetP95: number;
}

/**
 * A filtered page of 50 (newest first) at the first page, the middle and the last page of the
 * filter's matches: by keyset (the portal's list) and by OFFSET over the same filter and order.
 */
export async function measurePageDepths(
  ctx: ServiceContext,
  filter: { teamId: string; outcome?: 'SUCCESS' },
  runs: number,
): Promise<PageDepthResult[]> {
  const db = ctx.db;
  const where = auditEventWhere(filter);
  const total = await db.auditEvent.count({ where });
  const depths = [
    { depth: 'first page', offset: 0 },
    { depth: 'middle', offset: Math.floor(total / 2) },
    { depth: 'last page', offset: Math.max(0, total - 50) },
  ];
  const results: PageDepthResult[] = [];
  for (const { depth, offset } of depths) {
    // The keyset cursor for this depth is the seq just before the page: found once, not timed.
    const [before] = offset
      ? await db.auditEvent.findMany({ where, orderBy: { seq: 'desc' }, skip: offset - 1, take: 1 })
      : [];
    const input = listAuditEventsInput.parse({ ...filter, limit: 50, cursor: before?.seq.toString() });
    const keyset = await timeRuns(runs, () => listAuditEvents(ctx, input));
    const byOffset = await timeRuns(runs, () =>
      db.auditEvent.findMany({ where, orderBy: { seq: 'desc' }, skip: offset, take: 50 }),
    );
    results.push({
      depth,
      offset,
      keysetP50: median(keyset),
      keysetP95: percentile(keyset, 95),
      offsetP50: median(byOffset),
      offsetP95: percentile(byOffset, 95),
    });
  }
  return results;
}

/** Rows per second of the CSV export's stream, encoded to bytes as the route sends them. */
export async function measureExport(ctx: ServiceContext, filter: { teamId?: string }, runs: number) {
  const encoder = new TextEncoder();
  let rows = 0;
  let bytes = 0;
  const times = await timeRuns(runs, async () => {
    const chunks = await exportAuditEvents(ctx, { ...filter, format: 'csv' });
    rows = -1;
    bytes = 0;
    for await (const chunk of chunks) {
      bytes += encoder.encode(chunk).byteLength;
      rows += chunk.split('\r\n').length - 1;
    }
  });
  return { rows, bytes, ms: median(times), rowsPerSecond: rows / (median(times) / 1000) };
}

/**
 * Whole-trail verification (chain, checkpoints and the chain against them) as `pnpm audit:verify`
 * runs it (events read and hashed by two worker threads over plain pg connections) and as the
 * admin page does (through Prisma, on the main thread).
 */
export async function measureVerification(
  db: PrismaClient,
  client: pg.Client,
  connectionString: string,
  events: number,
  runs: number,
) {
  const signingPem = generateKeyPairSync('ed25519')
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();
  const keys = loadAuditKeys({ AUDIT_SIGNING_KEY: signingPem });
  if (!keys.signingKey) throw new Error('no signing key');
  // Verified as of the checkpoint's moment, so repeated runs never see the checkpoint grow stale.
  const now = new Date();
  await writeAuditCheckpoint(db, { signingKey: keys.signingKey, now });
  const reader = parallelChainReader({
    connectionString,
    query: async (sql, params) => (await client.query(sql, params)).rows,
    workers: 2,
  });
  const check = (report: Awaited<ReturnType<typeof verifyAuditIntegrity>>) => {
    if (!report.isIntact || report.eventCount < events) {
      throw new Error(`the seeded trail must verify: ${JSON.stringify(report.problems.slice(0, 3))}`);
    }
  };
  // CPU time of this process beside wall time: on a shared machine the wall time says more about
  // the neighbours than about the verifier.
  const cpuTimes: number[] = [];
  const cli = await timeRuns(runs, async () => {
    const cpu = process.cpuUsage();
    check(await verifyAuditIntegrity(db, { keys, reader, now }));
    const used = process.cpuUsage(cpu);
    cpuTimes.push((used.user + used.system) / 1000);
  });
  const page = await timeRuns(runs, async () => check(await verifyAuditIntegrity(db, { keys, now })));
  return { cli: median(cli), cliCpu: median(cpuTimes), page: median(page) };
}

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parallelChainReader } from './audit-chain-parallel-reader';
import { type AuditChainReader, prismaChainReader } from './audit-chain-reader';
import { verifyAuditIntegrity } from './audit-verifier';
import { chainSeqs, seedChain, tamper } from './testing/audit-tamper';
import { createTestDatabase, type TestDatabase } from './testing/test-database';

// Each test starts from a fresh chain of 8 events; triggers are off only inside tamper(). Every
// case runs with the one-thread reader the admin page uses and the worker threads of the CLI.
const READERS: [string, (t: TestDatabase) => AuditChainReader][] = [
  ['read on the main thread', (t) => prismaChainReader(t.db)],
  [
    'read by worker threads',
    (t) =>
      parallelChainReader({
        connectionString: t.url,
        query: (sql, params) => t.db.$queryRawUnsafe(sql, ...params),
        workers: 2,
      }),
  ],
];

describe.each(READERS)('tamper detection, %s: the verifier names every broken row', (_, readerOf) => {
  let t: TestDatabase;
  let seqs: bigint[];
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());
  beforeEach(async () => {
    await tamper(t, `DELETE FROM "AuditEvent"`);
    await seedChain(t, 8);
    seqs = await chainSeqs(t);
  });

  const kindsAndSeqs = async () =>
    (await verifyAuditIntegrity(t.db, { batchSize: 3, reader: readerOf(t) })).problems.map((p) => [
      p.kind,
      p.seq,
    ]);

  it('reports an intact chain as intact', async () => {
    expect(await verifyAuditIntegrity(t.db, { batchSize: 3, reader: readerOf(t) })).toMatchObject({
      isIntact: true,
      eventCount: 8,
    });
  });

  it('names a modified row', async () => {
    await tamper(t, `UPDATE "AuditEvent" SET "actorLabel" = 'mallory' WHERE seq = ${seqs[2]}`);
    expect(await kindsAndSeqs()).toEqual([['altered', String(seqs[2])]]);
  });

  it('names the row after a deleted one', async () => {
    await tamper(t, `DELETE FROM "AuditEvent" WHERE seq = ${seqs[3]}`);
    expect(await kindsAndSeqs()).toEqual([['deleted', String(seqs[4])]]);
  });

  it('names both when one row is altered and another deleted', async () => {
    await tamper(t, `UPDATE "AuditEvent" SET after = '{"name":"changed"}' WHERE seq = ${seqs[1]}`);
    await tamper(t, `DELETE FROM "AuditEvent" WHERE seq = ${seqs[5]}`);
    const report = await verifyAuditIntegrity(t.db, { batchSize: 3, reader: readerOf(t) });
    expect(report.isIntact).toBe(false);
    expect(report.problems.map((p) => [p.kind, p.seq])).toEqual([
      ['altered', String(seqs[1])],
      ['deleted', String(seqs[6])],
    ]);
    expect(report.problems[1]?.detail).toContain(`between #${seqs[4]} and #${seqs[6]}`);
  });

  it('names an inserted row, even one that links to its predecessor', async () => {
    await tamper(t, `DELETE FROM "AuditEvent" WHERE seq > ${seqs[1]}`);
    // Sequence numbers skipped by rolled-back writes leave room for a forger.
    const [gap] = await t.db.$queryRaw<{ seq: bigint }[]>`
      SELECT nextval(pg_get_serial_sequence('"AuditEvent"', 'seq')) AS seq`;
    await seedChain(t, 3);
    await tamper(
      t,
      `INSERT INTO "AuditEvent" (seq, "occurredAt", "actorType", "actorLabel", action, "resourceType", outcome, "prevHash", hash)
       SELECT ${gap!.seq}, now(), 'SYSTEM', 'forger', 'project.create', 'Project', 'SUCCESS', hash, md5('x') || md5('y')
       FROM "AuditEvent" WHERE seq = ${seqs[1]}`,
    );
    expect(await kindsAndSeqs()).toEqual([['inserted', String(gap!.seq)]]);
  });

  it('names both rows of a swap, and not their neighbours', async () => {
    const [a, b] = [seqs[2]!, seqs[5]!];
    await tamper(t, `UPDATE "AuditEvent" SET seq = -1 WHERE seq = ${a}`);
    await tamper(t, `UPDATE "AuditEvent" SET seq = ${a} WHERE seq = ${b}`);
    await tamper(t, `UPDATE "AuditEvent" SET seq = ${b} WHERE seq = -1`);
    expect(await kindsAndSeqs()).toEqual([
      ['reordered', String(a)],
      ['reordered', String(b)],
    ]);
  });

  it('names a deleted first event', async () => {
    await tamper(t, `DELETE FROM "AuditEvent" WHERE seq = ${seqs[0]}`);
    expect(await kindsAndSeqs()).toEqual([['deleted', String(seqs[1])]]);
  });
});

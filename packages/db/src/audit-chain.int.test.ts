import type { Actor } from '@cairn/core/actor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from './audit-verifier';
import { appendAuditEvent } from './audit-writer';
import { createTestDatabase, type TestDatabase } from './testing/test-database';

const actor: Actor = { kind: 'system', label: 'test' };

async function seedChain(t: TestDatabase, n: number) {
  for (let i = 0; i < n; i++) {
    await t.db.$transaction((tx) =>
      appendAuditEvent(tx, {
        actor,
        request: { ip: '127.0.0.1', userAgent: 'vitest', requestId: `r${i}` },
        action: 'project.create',
        resourceType: 'Project',
        resourceId: `p${i}`,
        outcome: 'SUCCESS',
        after: { name: `Project ${i}`, nested: { n: i, password: 'hunter2' } },
      }),
    );
  }
}

/** Runs SQL with triggers off, as a database superuser could. */
async function tamper(t: TestDatabase, sql: string) {
  await t.db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SET LOCAL session_replication_role = replica`);
    await tx.$executeRawUnsafe(sql);
  });
}

describe('audit chain', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it('verifies an intact chain and redacts secrets', async () => {
    await seedChain(t, 5);
    const result = await verifyAuditChain(t.db, { batchSize: 2 });
    expect(result).toMatchObject({ ok: true, count: 5 });
    const row = await t.db.auditEvent.findFirstOrThrow({ orderBy: { seq: 'asc' } });
    expect(JSON.stringify(row.after)).not.toContain('hunter2');
  });

  it('refuses UPDATE, DELETE and TRUNCATE through normal SQL', async () => {
    await expect(t.db.$executeRawUnsafe(`UPDATE "AuditEvent" SET action = 'x'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(t.db.$executeRawUnsafe(`DELETE FROM "AuditEvent"`)).rejects.toThrow(/append-only/);
    await expect(t.db.$executeRawUnsafe(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only/);
  });
});

describe('tamper detection', () => {
  let t: TestDatabase;
  let seqs: bigint[];
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  async function freshChain() {
    await tamper(t, `DELETE FROM "AuditEvent"`);
    await seedChain(t, 6);
    seqs = (await t.db.auditEvent.findMany({ orderBy: { seq: 'asc' }, select: { seq: true } })).map(
      (r) => r.seq,
    );
  }

  it('names a modified row', async () => {
    await freshChain();
    await tamper(t, `UPDATE "AuditEvent" SET "actorLabel" = 'mallory' WHERE seq = ${seqs[2]}`);
    expect(await verifyAuditChain(t.db, { batchSize: 2 })).toMatchObject({
      ok: false,
      kind: 'altered',
      firstBadSeq: String(seqs[2]),
    });
  });

  it('names the row after a deleted one', async () => {
    await freshChain();
    await tamper(t, `DELETE FROM "AuditEvent" WHERE seq = ${seqs[3]}`);
    expect(await verifyAuditChain(t.db)).toMatchObject({
      ok: false,
      kind: 'deleted',
      firstBadSeq: String(seqs[4]),
    });
  });

  it('names an inserted row, even one that links to its predecessor', async () => {
    await tamper(t, `DELETE FROM "AuditEvent"`);
    await seedChain(t, 2);
    // Sequence numbers skipped by rolled-back writes leave room for a forger.
    const [gap] = await t.db.$queryRaw<{ seq: bigint }[]>`
      SELECT nextval(pg_get_serial_sequence('"AuditEvent"', 'seq')) AS seq`;
    await seedChain(t, 3);
    await tamper(
      t,
      `INSERT INTO "AuditEvent" (seq, "occurredAt", "actorType", "actorLabel", action, "resourceType", outcome, "prevHash", hash)
       SELECT ${gap!.seq}, now(), 'SYSTEM', 'forger', 'project.create', 'Project', 'SUCCESS', hash, md5('x') || md5('y')
       FROM "AuditEvent" WHERE seq = ${gap!.seq - 1n}`,
    );
    expect(await verifyAuditChain(t.db)).toMatchObject({
      ok: false,
      kind: 'inserted',
      firstBadSeq: String(gap!.seq),
    });
  });

  it('names reordered rows', async () => {
    await freshChain();
    const [a, b] = [seqs[2]!, seqs[3]!];
    await tamper(t, `UPDATE "AuditEvent" SET seq = -1 WHERE seq = ${a}`);
    await tamper(t, `UPDATE "AuditEvent" SET seq = ${a} WHERE seq = ${b}`);
    await tamper(t, `UPDATE "AuditEvent" SET seq = ${b} WHERE seq = -1`);
    expect(await verifyAuditChain(t.db)).toMatchObject({
      ok: false,
      kind: 'reordered',
      firstBadSeq: String(a),
    });
  });
});

import { generateKeyPairSync } from 'node:crypto';
import { checkpointKeyId, signCheckpoint } from '@cairn/core/audit-checkpoint';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { writeAuditCheckpoint } from './audit-checkpoint-writer';
import { type AuditKeys, loadAuditKeys } from './audit-keys';
import { verifyAuditIntegrity } from './audit-verifier';
import { chainSeqs, seedChain, tamper } from './testing/audit-tamper';
import { createTestDatabase, type TestDatabase } from './testing/test-database';

const MINUTE = 60_000;
const signingPem = generateKeyPairSync('ed25519')
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();
const keys: AuditKeys = loadAuditKeys({ AUDIT_SIGNING_KEY: signingPem });
const signingKey = keys.signingKey!;
const start = new Date('2026-12-06T12:00:00.000Z');
const at = (minutes: number) => new Date(start.getTime() + minutes * MINUTE);

describe('signed checkpoints', () => {
  let t: TestDatabase;
  let seqs: bigint[];
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());
  // Events, a checkpoint each minute from 12:00 to 12:05, then two more events not yet sealed.
  beforeEach(async () => {
    await tamper(t, `DELETE FROM "AuditEvent"; DELETE FROM "AuditCheckpoint"`);
    await seedChain(t, 3);
    for (let minute = 0; minute <= 5; minute++) {
      if (minute === 3) await seedChain(t, 3);
      await writeAuditCheckpoint(t.db, { signingKey, now: at(minute) });
    }
    await seedChain(t, 2);
    seqs = await chainSeqs(t);
  });

  const verify = (now = at(5.5)) => verifyAuditIntegrity(t.db, { keys, now, batchSize: 4 });
  const kinds = async (now?: Date) =>
    (await verify(now)).problems.map((p) => [p.kind, p.seq ?? p.checkpointId]);

  it('verifies signatures and the checkpoint chain, and counts the events not yet sealed', async () => {
    const report = await verify();
    expect(report).toMatchObject({
      isIntact: true,
      eventCount: 8,
      checkpointCount: 6,
      unsealedEventCount: 2,
    });
    expect(report.latestCheckpoint?.headSeq).toBe(String(seqs[5]));
  });

  it('writes one checkpoint a minute even when nothing happened, and skips when another is recent', async () => {
    const [fourth, fifth] = await t.db.auditCheckpoint.findMany({ orderBy: { id: 'asc' }, skip: 4, take: 2 });
    expect(fifth?.headSeq).toBe(fourth?.headSeq);
    expect(fifth?.prevSignature).toBe(fourth?.signature);
    expect(await writeAuditCheckpoint(t.db, { signingKey, now: at(5.2), minIntervalMs: 48_000 })).toBeNull();
  });

  it('reports a missing interval when checkpoints were deleted or stopped', async () => {
    await tamper(
      t,
      `DELETE FROM "AuditCheckpoint" WHERE "createdAt" IN ('${at(1).toISOString()}', '${at(2).toISOString()}')`,
    );
    const report = await verify();
    expect(report.problems.map((p) => p.kind)).toEqual(['checkpoint-chain', 'missing-checkpoints']);
    expect(report.problems[1]).toMatchObject({ from: at(0).toISOString(), to: at(3).toISOString() });
    expect(await kinds(at(9))).toEqual([
      ['checkpoint-chain', expect.any(String)],
      ['missing-checkpoints', expect.any(String)],
      ['missing-checkpoints', undefined],
    ]);
  });

  it('reports a forged checkpoint: a signature by another key, and one altered after signing', async () => {
    const last = await t.db.auditCheckpoint.findFirstOrThrow({ orderBy: { id: 'desc' } });
    const forger = generateKeyPairSync('ed25519').privateKey;
    const statement = {
      createdAt: at(6),
      headSeq: seqs[7]!.toString(),
      headHash: 'f'.repeat(64),
      prevSignature: last.signature,
      keyId: checkpointKeyId(signingKey),
    };
    await t.db.auditCheckpoint.create({
      data: { ...statement, headSeq: seqs[7]!, signature: signCheckpoint(forger, statement) },
    });
    await tamper(t, `UPDATE "AuditCheckpoint" SET "headSeq" = 1 WHERE id = ${last.id - 3n}`);
    const problems = (await verify(at(6.5))).problems;
    expect(problems.filter((p) => p.kind === 'bad-signature').map((p) => p.checkpointId)).toEqual([
      String(last.id - 3n),
      String(last.id + 1n),
    ]);
    expect(problems.some((p) => p.kind === 'checkpoint-mismatch' && p.seq === String(seqs[7]))).toBe(true);
  });

  it('reports a truncated trail: the tail a checkpoint sealed is gone', async () => {
    await tamper(t, `DELETE FROM "AuditEvent" WHERE seq >= ${seqs[4]}`);
    expect(await kinds()).toEqual([['truncated', String(seqs[5])]]);
  });

  it('reports a chain rewritten with recomputed hashes by what the checkpoints sealed', async () => {
    await tamper(t, `DELETE FROM "AuditEvent"`);
    await t.db.$executeRawUnsafe(
      `SELECT setval(pg_get_serial_sequence('"AuditEvent"', 'seq'), ${seqs[0]! - 1n}, true)`,
    );
    await seedChain(t, 8);
    expect(await chainSeqs(t)).toEqual(seqs);
    const problems = (await verify()).problems;
    expect(problems.map((p) => [p.kind, p.seq])).toEqual([
      ['checkpoint-mismatch', String(seqs[2])],
      ['checkpoint-mismatch', String(seqs[5])],
    ]);
  });
});

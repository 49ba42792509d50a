import { generateKeyPairSync } from 'node:crypto';
import { loadAuditKeys } from '@cairn/db/audit-keys';
import { verifyAuditIntegrity } from '@cairn/db/audit-verifier';
import { createTestDatabase, type TestDatabase } from '@cairn/db/testing/test-database';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startAuditCheckpoints } from './audit-checkpoints';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const keys = loadAuditKeys({
  AUDIT_SIGNING_KEY: generateKeyPairSync('ed25519')
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString(),
});

describe('startAuditCheckpoints', () => {
  it('writes a signed checkpoint at once and every interval, on an empty trail too, and two replicas do not double up', async () => {
    const options = { db: t.db, signingKey: keys.signingKey!, intervalMs: 300 };
    const first = startAuditCheckpoints(options);
    const second = startAuditCheckpoints(options);
    try {
      await vi.waitFor(async () => expect(await t.db.auditCheckpoint.count()).toBeGreaterThanOrEqual(4), {
        timeout: 10_000,
        interval: 50,
      });
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
    const checkpoints = await t.db.auditCheckpoint.findMany({ orderBy: { id: 'asc' } });
    expect(checkpoints[0]).toMatchObject({ headSeq: 0n, headHash: '0'.repeat(64), prevSignature: '' });
    for (let i = 1; i < checkpoints.length; i++) {
      expect(
        checkpoints[i]!.createdAt.getTime() - checkpoints[i - 1]!.createdAt.getTime(),
      ).toBeGreaterThanOrEqual(240);
    }
    const report = await verifyAuditIntegrity(t.db, { keys });
    expect(report).toMatchObject({ isIntact: true, checkpointCount: checkpoints.length, problems: [] });
  });
});

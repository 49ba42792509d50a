import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditIntegrity } from './audit-verifier';
import { seedChain } from './testing/audit-tamper';
import { createTestDatabase, type TestDatabase } from './testing/test-database';

describe('audit chain', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it('verifies an intact chain and redacts secrets', async () => {
    await seedChain(t, 5);
    const result = await verifyAuditIntegrity(t.db, { batchSize: 2 });
    expect(result).toMatchObject({ isIntact: true, eventCount: 5, problems: [] });
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

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlChainReader } from './audit-chain-reader';
import { verifyAuditIntegrity } from './audit-verifier';
import { appendAuditEvent } from './audit-writer';
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

  it('verifies events whose text needs escaping, in any session time zone', async () => {
    const tricky = [
      'say "hi" \\ back',
      'line\nbreak\ttab',
      'control \u0001\u001f',
      'ü 中文 🚀 \u2028',
      '=1+1',
      '',
    ];
    for (const [i, text] of tricky.entries()) {
      await t.db.$transaction((tx) =>
        appendAuditEvent(tx, {
          actor: { kind: 'system', label: text || 'empty' },
          request: { ip: null, userAgent: text, requestId: `tricky-${i}` },
          action: 'project.update',
          resourceType: 'Project',
          resourceId: text,
          outcome: 'FAILED',
          reason: text,
          before: { [text]: i, list: [1.5, -0, 1e21, 1e-7, null, true, { b: 1, a: [text] }] },
          after: text,
        }),
      );
    }
    // A reader whose session is not in UTC: the hash covers ISO UTC times all the same.
    const client = new pg.Client({ connectionString: t.url });
    await client.connect();
    await client.query(`SET TIME ZONE 'Asia/Kolkata'`);
    const reader = sqlChainReader(async (sql, params) => (await client.query(sql, params)).rows);
    const report = await verifyAuditIntegrity(t.db, { batchSize: 4, reader }).finally(() => client.end());
    expect(report).toMatchObject({ isIntact: true, problems: [] });
    expect(report.eventCount).toBeGreaterThanOrEqual(tricky.length);
  });

  it('refuses UPDATE, DELETE and TRUNCATE through normal SQL', async () => {
    await expect(t.db.$executeRawUnsafe(`UPDATE "AuditEvent" SET action = 'x'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(t.db.$executeRawUnsafe(`DELETE FROM "AuditEvent"`)).rejects.toThrow(/append-only/);
    await expect(t.db.$executeRawUnsafe(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only/);
  });
});

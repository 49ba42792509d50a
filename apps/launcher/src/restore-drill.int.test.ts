import { randomBytes } from 'node:crypto';
import { createPrismaClient } from '@cairn/db/client';
import { migrateDeploy } from '@cairn/db/migrate';
import { seedChain, tamper } from '@cairn/db/testing/audit-tamper';
import type { TestDatabase } from '@cairn/db/testing/test-database';
import { TEMPLATE_DATABASE, withAdmin, withDatabase } from '@cairn/db/testing/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPgTools, serverMajor } from './pg-tools';
import { runRestoreDrill } from './restore-drill-run';

// pg_dump refuses a server newer than itself: the embedded test server (Postgres 18) is newer than
// Debian's client tools (15), so the drill runs on the machine's Postgres when the test server is.
const SYSTEM_POSTGRES = 'postgresql://postgres@127.0.0.1:5432/postgres';

async function drillServer(): Promise<{ url: string; template: string | undefined }> {
  const tools = await findPgTools();
  for (const url of [process.env.TEST_DATABASE_URL, SYSTEM_POSTGRES]) {
    if (!url) continue;
    const major = await serverMajor(url).catch(() => null);
    if (major === null || major > tools.major) continue;
    const hasTemplate = await withAdmin(url, async (client) => {
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [TEMPLATE_DATABASE]);
      return found.rowCount === 1;
    });
    return { url, template: hasTemplate ? TEMPLATE_DATABASE : undefined };
  }
  throw new Error(
    `no Postgres server pg_dump ${tools.major} can dump: set TEST_DATABASE_URL or run ${SYSTEM_POSTGRES}`,
  );
}

let server: { url: string; template: string | undefined };
beforeAll(async () => {
  server = await drillServer();
});

describe('restore drill', () => {
  it('restores a dump of the seeded demo into a fresh database whose audit trail verifies and matches', async () => {
    const lines: string[] = [];
    const result = await runRestoreDrill({
      serverUrl: server.url,
      templateDatabase: server.template,
      log: (line) => lines.push(line),
    });
    expect(result.source.isIntact).toBe(true);
    expect(result.source.eventCount).toBeGreaterThan(50);
    expect(result.source.checkpointCount).toBe(1);
    expect(result.restored.problems).toEqual([]);
    expect(result.restored.notes.join(' ')).not.toMatch(/not checked|no public key/i);
    expect(result.restored).toMatchObject({
      isIntact: true,
      eventCount: result.source.eventCount,
      headHash: result.source.headHash,
      checkpointCount: 1,
    });
    expect(result.isRestoreVerified).toBe(true);
    expect(result.dumpBytes).toBeGreaterThan(0);
    expect(lines.some((line) => line.startsWith('pg_restore into'))).toBe(true);
    // The drill cleans up after itself.
    const restoredName = new URL(result.restoredUrl).pathname.slice(1);
    const left = await withAdmin(server.url, (client) =>
      client.query('SELECT 1 FROM pg_database WHERE datname = $1', [restoredName]),
    );
    expect(left.rowCount).toBe(0);
  }, 90_000);

  describe('of a trail altered before the backup', () => {
    let source: TestDatabase;
    beforeAll(async () => {
      const name = `cairn_drill_test_${randomBytes(4).toString('hex')}`;
      const template = server.template ? ` TEMPLATE ${server.template}` : '';
      await withAdmin(server.url, (client) => client.query(`CREATE DATABASE ${name}${template}`));
      const url = withDatabase(server.url, name);
      if (!server.template) await migrateDeploy(url);
      const db = createPrismaClient({ connectionString: url, maxConnections: 2 });
      source = {
        url,
        db,
        drop: async () => {
          await db.$disconnect();
          await withAdmin(server.url, (client) =>
            client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
          );
        },
      };
      await seedChain(source, 5);
      await tamper(
        source,
        `UPDATE "AuditEvent" SET "actorLabel" = 'mallory' WHERE seq = (SELECT seq FROM "AuditEvent" ORDER BY seq OFFSET 2 LIMIT 1)`,
      );
    }, 60_000);
    afterAll(() => source?.drop());

    it('fails, and the restored copy shows the same altered event as the source', async () => {
      const result = await runRestoreDrill({ serverUrl: server.url, sourceUrl: source.url, log: () => {} });
      expect(result.isRestoreVerified).toBe(false);
      expect(result.restored.isIntact).toBe(false);
      expect(result.restored.problems.map((problem) => problem.kind)).toEqual(
        result.source.problems.map((problem) => problem.kind),
      );
      expect(result.restored.problems.length).toBeGreaterThan(0);
    }, 60_000);
  });
});

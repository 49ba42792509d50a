import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPrismaClient } from '@cairn/db/client';
import { repoRoot } from '@cairn/db/repo-root';
import { createTestDatabase, type TestDatabase } from '@cairn/db/testing/test-database';
import { randomDatabaseName, withAdmin, withDatabase } from '@cairn/db/testing/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getReadiness } from './get-readiness';

const migrationsDir = join(repoRoot(), 'prisma', 'migrations');
let t: TestDatabase;
let scratch: string;
const now = new Date('2026-12-06T12:00:00Z');

beforeAll(async () => {
  t = await createTestDatabase();
  scratch = await mkdtemp(join(tmpdir(), 'cairn-readiness-'));
  await t.db.workerHeartbeat.create({
    data: {
      id: 'readiness-test',
      hostname: 'test',
      pid: 1,
      startedAt: new Date(now.getTime() - 600_000),
      seenAt: new Date(now.getTime() - 10_000),
    },
  });
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
  await t.drop();
});

describe('getReadiness', () => {
  it('is ready when the database answers, every migration is applied and a worker beat recently', async () => {
    const readiness = await getReadiness({ db: t.db, migrationsDir, now });
    expect(readiness.checks.database.ok).toBe(true);
    expect(readiness.checks.migrations).toMatchObject({ ok: true });
    expect(readiness.checks.worker).toMatchObject({ ok: true, lastSeenAt: '2026-12-06T11:59:50.000Z' });
    expect(readiness.isReady).toBe(true);
  });

  it('is not ready when the build ships a migration the database has not applied', async () => {
    const newer = join(scratch, 'migrations');
    await cp(migrationsDir, newer, { recursive: true });
    await mkdir(join(newer, '29991231000000_next_release'));
    await writeFile(join(newer, '29991231000000_next_release', 'migration.sql'), 'SELECT 1;');

    const readiness = await getReadiness({ db: t.db, migrationsDir: newer, now });
    expect(readiness.isReady).toBe(false);
    expect(readiness.checks.migrations).toEqual({
      ok: false,
      error: '1 pending: 29991231000000_next_release',
    });
    expect(readiness.checks.worker.ok).toBe(true);
  });

  it('stays ready when the database already has migrations of a newer release', async () => {
    const older = join(scratch, 'older');
    await cp(migrationsDir, older, { recursive: true, filter: (source) => !source.includes('governance') });
    const readiness = await getReadiness({ db: t.db, migrationsDir: older, now });
    expect(readiness.checks.migrations.ok).toBe(true);
  });

  it('is not ready when the last worker heartbeat is more than a minute old', async () => {
    const later = new Date(now.getTime() + 120_000);
    const readiness = await getReadiness({ db: t.db, migrationsDir, now: later });
    expect(readiness.isReady).toBe(false);
    expect(readiness.checks.worker).toEqual({ ok: false, error: 'last worker heartbeat 130 s ago' });
  });

  it('reports every migration pending on a database that was never migrated', async () => {
    const admin = process.env.TEST_DATABASE_URL!;
    const name = randomDatabaseName('cairn_empty');
    await withAdmin(admin, (client) => client.query(`CREATE DATABASE ${name}`));
    const empty = createPrismaClient({ connectionString: withDatabase(admin, name), maxConnections: 2 });
    try {
      const readiness = await getReadiness({ db: empty, migrationsDir, now });
      expect(readiness.isReady).toBe(false);
      expect(readiness.checks.database.ok).toBe(true);
      expect(readiness.checks.migrations).toMatchObject({
        ok: false,
        error: expect.stringMatching(/ pending: /),
      });
      expect(readiness.checks.worker.ok).toBe(false);
    } finally {
      await empty.$disconnect();
      await withAdmin(admin, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    }
  });

  it('says the database is unreachable and skips the other checks', async () => {
    const unreachable = createPrismaClient({
      connectionString: 'postgresql://nobody@127.0.0.1:1/none',
      maxConnections: 1,
    });
    try {
      const readiness = await getReadiness({ db: unreachable, migrationsDir, now });
      expect(readiness.isReady).toBe(false);
      expect(readiness.checks.database.ok).toBe(false);
      expect(readiness.checks.migrations).toEqual({ ok: false, error: 'database unreachable' });
    } finally {
      await unreachable.$disconnect();
    }
  });
});

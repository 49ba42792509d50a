import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateDeploy } from './migrate';
import { repoRoot } from './repo-root';
import { randomDatabaseName, withAdmin, withDatabase } from './testing/test-server';

const SYSTEM_POSTGRES = process.env.SYSTEM_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

async function reachable(url: string): Promise<boolean> {
  try {
    await withAdmin(url, (client) => client.query('SELECT 1'));
    return true;
  } catch {
    return false;
  }
}

async function tableNames(url: string): Promise<string[]> {
  return withAdmin(url, async (client) => {
    const rows = await client.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`);
    return rows.rows.map((r: { tablename: string }) => r.tablename);
  });
}

const created: Array<{ admin: string; name: string }> = [];
async function emptyDatabase(admin: string) {
  const name = randomDatabaseName('cairn_migrate');
  await withAdmin(admin, (client) => client.query(`CREATE DATABASE ${name}`));
  created.push({ admin, name });
  return withDatabase(admin, name);
}

afterAll(async () => {
  for (const { admin, name } of created) {
    await withAdmin(admin, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }
});

describe('migrations', () => {
  it('apply to an empty database on the embedded Postgres 18', async () => {
    const url = await emptyDatabase(process.env.TEST_DATABASE_URL!);
    await migrateDeploy(url);
    expect(await tableNames(url)).toEqual(expect.arrayContaining(['AuditEvent', 'Project', 'Team', 'User']));
    const version = await withAdmin(url, (c) => c.query('SHOW server_version_num'));
    expect(Number(version.rows[0].server_version_num)).toBeGreaterThanOrEqual(150000);
  });

  it("apply to an empty database on the machine's Postgres 15", async (ctx) => {
    if (!(await reachable(SYSTEM_POSTGRES))) {
      if (process.env.CI) throw new Error(`System Postgres not reachable at ${SYSTEM_POSTGRES}`);
      ctx.skip();
    }
    const url = await emptyDatabase(SYSTEM_POSTGRES);
    await migrateDeploy(url);
    expect(await tableNames(url)).toEqual(expect.arrayContaining(['AuditEvent', 'Membership', 'ApiToken']));
  });

  it('apply a later migration to a populated database and keep its rows', async () => {
    const url = await emptyDatabase(process.env.TEST_DATABASE_URL!);
    await migrateDeploy(url);
    await withAdmin(url, (c) =>
      c.query(
        `INSERT INTO "Team" (id, name, slug) VALUES ('0190f000-0000-7000-8000-000000000001', 'Kept', 'kept')`,
      ),
    );
    const history = mkdtempSync(join(tmpdir(), 'cairn-migrations-'));
    cpSync(join(repoRoot(), 'prisma', 'migrations'), history, { recursive: true });
    mkdirSync(join(history, '29990101000000_add_team_motto'));
    writeFileSync(
      join(history, '29990101000000_add_team_motto', 'migration.sql'),
      `ALTER TABLE "Team" ADD COLUMN "motto" TEXT NOT NULL DEFAULT 'ship it';`,
    );
    const output = await migrateDeploy(url, { migrationsDir: history });
    expect(output).toContain('29990101000000_add_team_motto');
    const rows = await withAdmin(url, (c) => c.query(`SELECT name, motto FROM "Team"`));
    expect(rows.rows).toEqual([{ name: 'Kept', motto: 'ship it' }]);
  });
});

import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../embedded-postgres';
import { migrateDeploy } from '../migrate';
import { repoRoot } from '../repo-root';

export const TEMPLATE_DATABASE = 'cairn_template';

/** Fingerprint of the migration history, stored on the template so it is rebuilt only on change. */
function migrationsChecksum(): string {
  const dir = join(repoRoot(), 'prisma', 'migrations');
  const hash = createHash('sha256');
  for (const name of readdirSync(dir).sort()) {
    if (name.endsWith('.toml')) continue;
    hash.update(name).update(readFileSync(join(dir, name, 'migration.sql')));
  }
  return hash.digest('hex').slice(0, 16);
}

export function withDatabase(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function withAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** (Re)builds the migrated template database that every test database is cloned from. */
export async function prepareTestServer(adminUrl: string): Promise<void> {
  const checksum = migrationsChecksum();
  const current = await withAdmin(adminUrl, async (client) => {
    const found = await client.query(
      `SELECT shobj_description(oid, 'pg_database') AS note FROM pg_database WHERE datname = $1`,
      [TEMPLATE_DATABASE],
    );
    return found.rows[0] as { note: string | null } | undefined;
  });
  if (current?.note === checksum) return;
  await withAdmin(adminUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  });
  await migrateDeploy(withDatabase(adminUrl, TEMPLATE_DATABASE));
  await withAdmin(adminUrl, (client) =>
    client.query(`COMMENT ON DATABASE ${TEMPLATE_DATABASE} IS '${checksum}'`),
  );
}

/**
 * Starts the embedded test server under .data/test-pg and returns its admin URL. When another test
 * run already serves it (two packages tested side by side, or an e2e run), uses that one and leaves
 * it running.
 */
export async function startEmbeddedTestServer(port = 54330) {
  const adminUrl = `postgresql://cairn:cairn@127.0.0.1:${port}/postgres`;
  if (await isReachable(adminUrl)) {
    return { url: adminUrl, adminUrl, stop: async () => {} };
  }
  return startEmbeddedPostgres({
    dataDir: join(repoRoot(), '.data', 'test-pg'),
    port,
    database: 'postgres',
  });
}

async function isReachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function randomDatabaseName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

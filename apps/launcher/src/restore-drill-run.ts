import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sqlChainReader } from '@cairn/db/audit-chain-reader';
import { writeAuditCheckpoint } from '@cairn/db/audit-checkpoint-writer';
import { type AuditKeys, loadAuditKeys } from '@cairn/db/audit-keys';
import type { AuditIntegrityReport } from '@cairn/db/audit-report';
import { verifyAuditIntegrity } from '@cairn/db/audit-verifier';
import { createPrismaClient } from '@cairn/db/client';
import { migrateDeploy } from '@cairn/db/migrate';
import { seedDemo } from '@cairn/services/demo/seed-demo';
import pg from 'pg';
import { connectionFor, findPgTools, run, serverMajor } from './pg-tools';

export interface RestoreDrillOptions {
  /** A server (its maintenance database URL) where the drill creates its databases. */
  serverUrl: string;
  /** Dump this database; without it the drill seeds the demo into a fresh one and dumps that. */
  sourceUrl?: string | undefined;
  /** A migrated template database on the server to clone the seeded source from, saving a migrate. */
  templateDatabase?: string | undefined;
  /** Public keys checking the source's checkpoints (a seeded source brings its own). */
  keys?: AuditKeys | undefined;
  pgBinDir?: string | undefined;
  /** Leave the drill's databases in place for inspection. */
  isKeepingDatabases?: boolean | undefined;
  log: (line: string) => void;
}

export interface RestoreDrillResult {
  /** The restored copy verifies intact and holds the same trail, head and checkpoints as the source. */
  isRestoreVerified: boolean;
  source: AuditIntegrityReport;
  restored: AuditIntegrityReport;
  dumpBytes: number;
  restoredUrl: string;
}

/**
 * Backs a database up with pg_dump, restores it into a fresh database with pg_restore, and runs
 * the audit verifier against both: a restore counts only if the restored trail verifies and equals
 * the source's.
 */
export async function runRestoreDrill(options: RestoreDrillOptions): Promise<RestoreDrillResult> {
  const { log } = options;
  const tools = await findPgTools(options.pgBinDir);
  const created: string[] = [];
  const workDir = mkdtempSync(join(tmpdir(), 'cairn-restore-drill-'));
  try {
    for (const url of new Set([options.sourceUrl ?? options.serverUrl, options.serverUrl])) {
      const major = await serverMajor(url);
      if (major > tools.major) {
        throw new Error(
          `${databaseName(url)} runs Postgres ${major} but pg_dump is version ${tools.major}; pass --pg-bin with client tools ${major} or newer`,
        );
      }
    }
    let sourceUrl = options.sourceUrl;
    let keys = options.keys;
    if (!sourceUrl) {
      sourceUrl = await createDatabase(options.serverUrl, 'source', created, options.templateDatabase);
      log(`Seeding the demo into ${databaseName(sourceUrl)} ...`);
      if (!options.templateDatabase) await migrateDeploy(sourceUrl);
      keys = await seedSignedDemo(sourceUrl);
    }
    // Problems a dump taken now could show (an overdue checkpoint) are judged as of the dump.
    const dumpedAt = new Date();
    const source = await verifyDatabase(sourceUrl, keys, dumpedAt);

    const dumpFile = join(workDir, 'cairn.dump');
    log(`pg_dump ${databaseName(sourceUrl)} (custom format) ...`);
    const from = connectionFor(sourceUrl);
    await mustSucceed(
      'pg_dump',
      await run(
        tools.pgDump,
        ['--format=custom', '--no-owner', '--no-privileges', `--file=${dumpFile}`, `--dbname=${from.dbname}`],
        from.env,
      ),
    );
    const dumpBytes = statSync(dumpFile).size;

    const restoredUrl = await createDatabase(options.serverUrl, 'restored', created);
    log(`pg_restore into ${databaseName(restoredUrl)} ...`);
    const to = connectionFor(restoredUrl);
    await mustSucceed(
      'pg_restore',
      await run(
        tools.pgRestore,
        [
          '--no-owner',
          '--no-privileges',
          '--exit-on-error',
          '--single-transaction',
          `--dbname=${to.dbname}`,
          dumpFile,
        ],
        to.env,
      ),
    );
    const restored = await verifyDatabase(restoredUrl, keys, dumpedAt);
    const isRestoreVerified =
      source.isIntact &&
      restored.isIntact &&
      restored.eventCount === source.eventCount &&
      restored.headHash === source.headHash &&
      restored.checkpointCount === source.checkpointCount;
    return { isRestoreVerified, source, restored, dumpBytes, restoredUrl };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
    if (!options.isKeepingDatabases) {
      for (const url of created) await dropDatabase(options.serverUrl, databaseName(url));
    }
  }
}

/** Seeds the demo (no job queue) and seals it with a checkpoint signed by a key made for the drill. */
async function seedSignedDemo(url: string): Promise<AuditKeys> {
  const db = createPrismaClient({ connectionString: url, maxConnections: 4 });
  try {
    await seedDemo(db);
    const pair = generateKeyPairSync('ed25519');
    await writeAuditCheckpoint(db, { signingKey: pair.privateKey });
    const publicPem = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    return loadAuditKeys({ AUDIT_VERIFY_PUBLIC_KEY: publicPem });
  } finally {
    await db.$disconnect();
  }
}

async function verifyDatabase(
  url: string,
  keys: AuditKeys | undefined,
  now: Date,
): Promise<AuditIntegrityReport> {
  const db = createPrismaClient({ connectionString: url, maxConnections: 2 });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const reader = sqlChainReader(async (sql, params) => (await client.query(sql, params)).rows);
    return await verifyAuditIntegrity(db, { keys, reader, now });
  } finally {
    await client.end();
    await db.$disconnect();
  }
}

async function createDatabase(
  serverUrl: string,
  role: string,
  created: string[],
  template?: string,
): Promise<string> {
  const name = `cairn_drill_${role}_${randomBytes(4).toString('hex')}`;
  const clause = template ? ` TEMPLATE "${template.replaceAll('"', '""')}"` : '';
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE ${name}${clause}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  created.push(url.toString());
  return url.toString();
}

async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await withClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

async function mustSucceed(tool: string, result: { code: number; output: string }): Promise<void> {
  if (result.code !== 0) throw new Error(`${tool} failed (exit ${result.code}):\n${result.output.trim()}`);
}

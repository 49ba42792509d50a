import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parallelChainReader } from '@cairn/db/audit-chain-parallel-reader';
import { loadAuditKeys } from '@cairn/db/audit-keys';
import { formatAuditReport } from '@cairn/db/audit-report';
import { verifyAuditIntegrity } from '@cairn/db/audit-verifier';
import { createPrismaClient } from '@cairn/db/client';
import pg from 'pg';
import { openDemoDatabase } from './database';
import { demoAuditKeyFiles } from './demo-secrets';
import { loadLauncherEnv } from './env';
import { repoRoot } from './paths';

/**
 * `pnpm audit:verify`: verifies the audit chain and its signed checkpoints in DATABASE_URL (or the
 * demo's embedded database) and prints every problem found. Exit code 1 when anything is wrong.
 */
async function main() {
  const env = loadLauncherEnv();
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const dataDir = env.CAIRN_DATA_DIR ?? join(repoRoot(), '.data');
  const isKeyConfigured = [
    env.AUDIT_SIGNING_KEY,
    env.AUDIT_SIGNING_KEY_FILE,
    env.AUDIT_VERIFY_PUBLIC_KEY,
    env.AUDIT_VERIFY_PUBLIC_KEY_FILE,
  ].some(Boolean);
  // The demo's own database is checked with the demo's public key unless keys are configured.
  const demoKeys = env.DATABASE_URL || isKeyConfigured ? null : demoAuditKeyFiles(dataDir, { create: false });
  const keys = loadAuditKeys(
    isKeyConfigured ? env : { AUDIT_VERIFY_PUBLIC_KEY_FILE: demoKeys?.publicKeyFile },
  );
  const database = await openDemoDatabase({
    databaseUrl: env.DATABASE_URL,
    dataDir,
    port: env.EMBEDDED_POSTGRES_PORT,
    log: () => undefined,
  });
  const db = createPrismaClient({ connectionString: database.url, maxConnections: 2 });
  // Events are read and hashed by worker threads over plain pg connections (no ORM per-row work);
  // this client serves the main thread's few lookups.
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const reader = parallelChainReader({
      connectionString: database.url,
      query: async (sql, params) => (await client.query(sql, params)).rows,
      workers: Math.min(4, availableParallelism()),
    });
    const report = await verifyAuditIntegrity(db, { keys, reader });
    for (const line of formatAuditReport(report)) log(line);
    return report.isIntact ? 0 : 1;
  } finally {
    await client.end();
    await db.$disconnect();
    await database.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`audit:verify failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);

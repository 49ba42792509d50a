import { join } from 'node:path';
import { verifyAuditChain } from '@cairn/db/audit-verifier';
import { createPrismaClient } from '@cairn/db/client';
import { openDemoDatabase } from './database';
import { loadLauncherEnv } from './env';
import { repoRoot } from './paths';

/**
 * `pnpm audit:verify`: walks the audit chain of DATABASE_URL (or the demo's embedded database)
 * and names the first row that was altered, deleted, inserted or reordered. Exit code 1 when broken.
 */
async function main() {
  const env = loadLauncherEnv();
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const database = await openDemoDatabase({
    databaseUrl: env.DATABASE_URL,
    dataDir: env.CAIRN_DATA_DIR ?? join(repoRoot(), '.data'),
    port: env.EMBEDDED_POSTGRES_PORT,
    log,
  });
  const db = createPrismaClient({ connectionString: database.url, maxConnections: 2 });
  try {
    const result = await verifyAuditChain(db);
    if (result.ok) {
      log(`Audit trail intact: ${result.count} events, head #${result.headSeq ?? '-'} ${result.headHash}`);
      return 0;
    }
    log(`Audit trail BROKEN at event #${result.firstBadSeq} (${result.kind}): ${result.detail}`);
    log(`Checked ${result.count} events up to the break.`);
    return 1;
  } finally {
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

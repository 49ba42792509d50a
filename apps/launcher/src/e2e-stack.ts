import { generateKeyPairSync } from 'node:crypto';
import { createPrismaClient } from '@cairn/db/client';
import {
  prepareTestServer,
  randomDatabaseName,
  startEmbeddedTestServer,
  TEMPLATE_DATABASE,
  withAdmin,
  withDatabase,
} from '@cairn/db/testing/test-server';
import { seedDemo } from '@cairn/services/demo/seed-demo';
import { startJobQueue } from '@cairn/services/jobs/job-queue';
import { loadLauncherEnv } from './env';
import { startStack } from './stack';
import { ensureWebBuild } from './web-build';

export const E2E_WEB_PORT = 3100;
export const E2E_AWS_SIM_PORT = 4567;

const log = (line: string) => process.stdout.write(`${line}\n`);

/**
 * The stack Playwright drives: a fresh database cloned from the migrated template, seeded by the
 * same code as the demo, on ports of its own so a running demo does not interfere.
 */
async function main() {
  const env = loadLauncherEnv();
  const embedded = env.TEST_DATABASE_URL ? null : await startEmbeddedTestServer();
  const adminUrl = env.TEST_DATABASE_URL ?? embedded?.adminUrl;
  if (!adminUrl) throw new Error('No test database server');
  await prepareTestServer(adminUrl);
  const database = randomDatabaseName('cairn_e2e');
  await withAdmin(adminUrl, (client) =>
    client.query(`CREATE DATABASE ${database} TEMPLATE ${TEMPLATE_DATABASE}`),
  );
  const databaseUrl = withDatabase(adminUrl, database);
  const db = createPrismaClient({ connectionString: databaseUrl, maxConnections: 2 });
  const queue = await startJobQueue({ connectionString: databaseUrl, role: 'producer' });
  // Unlike the demo, nothing is deployed after the start: the journeys deploy for themselves.
  await seedDemo(db, { queue }).finally(() => queue.stop({ graceful: false }));
  await db.$disconnect();
  await ensureWebBuild(log);

  const stack = await startStack({
    databaseUrl,
    webPort: E2E_WEB_PORT,
    awsSimPort: E2E_AWS_SIM_PORT,
    webHost: '127.0.0.1',
    nextAuthSecret: 'e2e-session-secret-that-is-long-enough-to-use',
    auditSigningKeyPem: generateKeyPairSync('ed25519')
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString(),
    log,
  });
  log(`e2e stack ready at ${stack.webUrl}`);

  let isStopping = false;
  const shutdown = async (code: number) => {
    if (isStopping) return;
    isStopping = true;
    await stack.stop();
    await withAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
    await embedded?.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  const reason = await stack.failed;
  if (isStopping) return;
  log(`A service stopped unexpectedly: ${reason}`);
  await shutdown(1);
}

main().catch((error) => {
  log(`e2e stack failed: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});

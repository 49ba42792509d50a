import { join } from 'node:path';
import { createPrismaClient } from '@cairn/db/client';
import { migrateDeploy } from '@cairn/db/migrate';
import { DEMO_PASSWORD, DEMO_USERS, isDatabaseEmpty, seedDemo } from '@cairn/services/demo/seed-demo';
import type { DemoDeploymentPlan } from '@cairn/services/demo/seed-demo-deployment';
import { startJobQueue } from '@cairn/services/jobs/job-queue';
import { openDemoDatabase } from './database';
import { startDemoLiveDeployment } from './demo-live-deployment';
import { demoAuditSigningKeyPem, demoSessionSecret, writeDemoApiToken } from './demo-secrets';
import { loadLauncherEnv } from './env';
import { repoRoot } from './paths';
import { type RunningStack, startStack } from './stack';
import { ensureWebBuild } from './web-build';

const log = (line: string) => process.stdout.write(`${line}\n`);

/**
 * `pnpm demo`: Postgres (embedded unless DATABASE_URL), migrations, demo data on first start,
 * then aws-sim, the worker and the web app. Ctrl-C stops everything, Postgres last.
 */
async function main() {
  const env = loadLauncherEnv();
  const dataDir = env.CAIRN_DATA_DIR ?? join(repoRoot(), '.data');
  await ensureWebBuild(log);

  const database = await openDemoDatabase({
    databaseUrl: env.DATABASE_URL,
    dataDir,
    port: env.EMBEDDED_POSTGRES_PORT,
    log,
  });
  let stack: RunningStack | null = null;
  let liveDeployment: DemoDeploymentPlan | null = null;
  let isStopping = false;
  const shutdown = async (code: number) => {
    if (isStopping) return;
    isStopping = true;
    log('Stopping Cairn ...');
    await stack?.stop();
    await database.stop();
    log('Stopped.');
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  try {
    log('Applying migrations ...');
    await migrateDeploy(database.url);
    const db = createPrismaClient({ connectionString: database.url, maxConnections: 2 });
    if (await isDatabaseEmpty(db)) {
      log('Seeding the demo ...');
      const queue = await startJobQueue({ connectionString: database.url, role: 'producer' });
      const seed = await seedDemo(db, { queue }).finally(() => queue.stop({ graceful: false }));
      liveDeployment = seed.liveDeployment;
      log(
        `Demo API token for "Card Fraud Scoring" written to ${writeDemoApiToken(dataDir, seed.apiTokenSecret)}`,
      );
    } else {
      log('The database already holds data; keeping it.');
    }
    await db.$disconnect();

    stack = await startStack({
      databaseUrl: database.url,
      webPort: env.PORT,
      awsSimPort: env.AWS_SIM_PORT,
      nextAuthSecret: env.NEXTAUTH_SECRET ?? demoSessionSecret(dataDir),
      ...(env.AUDIT_SIGNING_KEY || env.AUDIT_SIGNING_KEY_FILE
        ? {}
        : { auditSigningKeyPem: demoAuditSigningKeyPem(dataDir) }),
      awsSimStateFile: join(dataDir, 'aws-sim-state.json'),
      awsEventsQueue: 'cairn-events',
      log,
    });
  } catch (error) {
    log(`Cairn could not start: ${error instanceof Error ? error.message : String(error)}`);
    await shutdown(1);
    return;
  }

  log('');
  log(`Cairn is running at ${stack.webUrl}`);
  log(`Sign in with any demo user below, password "${DEMO_PASSWORD}":`);
  for (const user of DEMO_USERS) log(`  ${user.email.padEnd(24)} ${user.name}`);
  log('Press Ctrl-C to stop.');
  if (liveDeployment) {
    // In the background: the page is usable meanwhile, and a failure here only costs the alert.
    void startDemoLiveDeployment({
      databaseUrl: database.url,
      awsSimUrl: stack.awsSimUrl,
      plan: liveDeployment,
    })
      .then((endpointName) =>
        log(
          `Deploying card-fraud-scorer v1 to staging as ${endpointName}; its latency alert fires once it serves.`,
        ),
      )
      .catch((error: unknown) =>
        log(
          `The demo's staging deployment did not start: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
  }
  const reason = await stack.failed;
  // Ctrl-C reaches every process in the terminal's group: a service ending then is expected.
  if (isStopping) return;
  log(`A service stopped unexpectedly: ${reason}`);
  await shutdown(1);
}

void main();

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
import { type RunningStack, startStack } from '@cairn/launcher/stack';
import { ensureWebBuild } from '@cairn/launcher/web-build';
import { seedDemo } from '@cairn/services/demo/seed-demo';
import { startJobQueue } from '@cairn/services/jobs/job-queue';
import { ensureScaleDatabase, scaleAdminUrl, scaleSpecFromEnv } from './scale-seed/scale-database';

export const LOAD_WEB_PORT = 3400;
export const LOAD_AWS_SIM_PORT = 4700;

export interface LoadStack {
  webUrl: string;
  databaseUrl: string;
  apiTokenSecret: string;
  /** What the load runs on: the demo seed or the scale seed. */
  dataLabel: string;
  stack: RunningStack;
  stop(): Promise<void>;
}

interface LoadData {
  databaseUrl: string;
  apiTokenSecret: string;
  /** What the report says the load ran on. */
  label: string;
  release(): Promise<void>;
}

/** A fresh database cloned from the migrated template and seeded by the demo's own code; dropped on release. */
async function demoData(log: (line: string) => void): Promise<LoadData> {
  const embedded = process.env.TEST_DATABASE_URL ? null : await startEmbeddedTestServer();
  const adminUrl = process.env.TEST_DATABASE_URL ?? embedded?.adminUrl;
  if (!adminUrl) throw new Error('No test database server');
  await prepareTestServer(adminUrl);
  const database = randomDatabaseName('cairn_bench_load');
  await withAdmin(adminUrl, (client) =>
    client.query(`CREATE DATABASE ${database} TEMPLATE ${TEMPLATE_DATABASE}`),
  );
  const databaseUrl = withDatabase(adminUrl, database);
  const release = async () => {
    await withAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
    await embedded?.stop();
  };
  try {
    const db = createPrismaClient({ connectionString: databaseUrl, maxConnections: 2 });
    const queue = await startJobQueue({ connectionString: databaseUrl, role: 'producer' });
    const seeded = await seedDemo(db, { queue }).finally(() => queue.stop({ graceful: false }));
    await db.$disconnect();
    log('Seeded the demo data.');
    return { databaseUrl, apiTokenSecret: seeded.apiTokenSecret, label: 'the demo seed', release };
  } catch (error) {
    await release();
    throw error;
  }
}

/** The scale seed's database (`pnpm bench:seed`), seeded first if absent or of another seed; kept on release. */
async function scaleData(log: (line: string) => void): Promise<LoadData> {
  const { adminUrl, stop } = await scaleAdminUrl();
  const spec = scaleSpecFromEnv();
  const scale = await ensureScaleDatabase(adminUrl, spec, log).catch(async (error) => {
    await stop();
    throw error;
  });
  return { ...scale, label: `the scale seed (seed ${spec.seed})`, release: stop };
}

/**
 * The production build on ports of its own, against a fresh demo-seeded database, or with
 * `BENCH_LOAD_DATA=scale` the scale seed's; the ingest rate limit is off so the load measures the
 * API, not the limiter.
 */
export async function startLoadStack(log: (line: string) => void): Promise<LoadStack> {
  const data = process.env.BENCH_LOAD_DATA === 'scale' ? await scaleData(log) : await demoData(log);
  const { databaseUrl } = data;
  try {
    await ensureWebBuild(log);
    process.env.INGEST_RATE_LIMIT_PER_MINUTE = '0';
    const stack = await startStack({
      databaseUrl,
      webPort: LOAD_WEB_PORT,
      awsSimPort: LOAD_AWS_SIM_PORT,
      webHost: '127.0.0.1',
      nextAuthSecret: 'bench-load-session-secret-that-is-long-enough',
      auditSigningKeyPem: generateKeyPairSync('ed25519')
        .privateKey.export({ type: 'pkcs8', format: 'pem' })
        .toString(),
      log: () => {},
    });
    log(`Production build serving at ${stack.webUrl}`);
    return {
      webUrl: stack.webUrl,
      databaseUrl,
      apiTokenSecret: data.apiTokenSecret,
      dataLabel: data.label,
      stack,
      stop: async () => {
        await stack.stop();
        await data.release();
      },
    };
  } catch (error) {
    await data.release();
    throw error;
  }
}

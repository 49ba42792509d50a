import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPrismaClient } from '@cairn/db/client';
import { type RunningPostgres, startEmbeddedPostgres } from '@cairn/db/embedded-postgres';
import { migrateDeploy } from '@cairn/db/migrate';
import { repoRoot } from '@cairn/db/repo-root';
import { nextCli } from '@cairn/launcher/web-build';
import { type DemoSeed, seedDemo } from '@cairn/services/demo/seed-demo';
import { startJobQueue } from '@cairn/services/jobs/job-queue';
import type { ChaosEnv } from './chaos-env';
import { type ChaosService, spawnService, stopService } from './chaos-services';
import { snapshotWebBuild } from './chaos-web-build';

const require = createRequire(import.meta.url);
const DATABASE = 'cairn';
const START_TIMEOUT_MS = 120_000;

export type ServiceName = 'worker' | 'web' | 'aws-sim';

/**
 * The production build on ports of its own, every part restartable on its own: an embedded
 * Postgres whose data lives in a temporary folder (so it can be stopped and started again), and
 * aws-sim, the worker and the web app as child processes started with the commands the launcher
 * uses.
 */
export interface ChaosStack {
  webUrl: string;
  awsSimUrl: string;
  databaseUrl: string;
  seed: DemoSeed;
  /** The public half of the checkpoint signing key, for the audit check. */
  auditPublicKeyPem: string;
  dataDir: string;
  stopPostgres(): Promise<void>;
  startPostgres(): Promise<void>;
  service(name: ServiceName): ChaosService;
  startService(name: ServiceName): ChaosService;
  stop(): Promise<void>;
}

export async function startChaosStack(env: ChaosEnv, log: (line: string) => void): Promise<ChaosStack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cairn-chaos-'));
  // Run as root, embedded-postgres initialises the cluster as the postgres user, who must reach it.
  chmodSync(dataDir, 0o755);
  const webCwd = join(dataDir, 'web');
  await snapshotWebBuild(webCwd, log).catch((error: unknown) => {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  });
  const pgDir = join(dataDir, 'pg');
  const openPostgres = () =>
    startEmbeddedPostgres({ dataDir: pgDir, port: env.CHAOS_POSTGRES_PORT, database: DATABASE });
  let postgres: RunningPostgres | null = await openPostgres();
  const databaseUrl = postgres.url;
  log(`Postgres on port ${env.CHAOS_POSTGRES_PORT}, data in ${pgDir}`);

  const services = new Map<ServiceName, ChaosService>();
  const stop = async () => {
    await Promise.all([...services.values()].map((service) => stopService(service, 'SIGTERM', 5_000)));
    await postgres?.stop();
    postgres = null;
    if (!env.CHAOS_KEEP_DATA) rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await migrateDeploy(databaseUrl);
    const db = createPrismaClient({ connectionString: databaseUrl, maxConnections: 2 });
    const queue = await startJobQueue({ connectionString: databaseUrl, role: 'producer' });
    const seed = await seedDemo(db, { queue }).finally(() => queue.stop({ graceful: false }));
    await db.$disconnect();
    log('Migrated and seeded the demo data.');

    const signingKeyPem = generateKeyPairSync('ed25519')
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    const auditPublicKeyPem = createPublicKey(signingKeyPem)
      .export({ type: 'spki', format: 'pem' })
      .toString();
    const awsSimUrl = `http://127.0.0.1:${env.CHAOS_AWS_SIM_PORT}`;
    const webUrl = `http://127.0.0.1:${env.CHAOS_WEB_PORT}`;
    const awsEnv = {
      AWS_ENDPOINT_URL: awsSimUrl,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'cairn-local',
      AWS_SECRET_ACCESS_KEY: 'cairn-local',
    };
    const keyUnset = { AUDIT_SIGNING_KEY_FILE: '', AUDIT_VERIFY_PUBLIC_KEY_FILE: '' };
    const tsxCli = require.resolve('tsx/cli');
    const specs: Record<ServiceName, Parameters<typeof spawnService>[0]> = {
      'aws-sim': {
        name: 'aws-sim',
        command: process.execPath,
        args: [tsxCli, 'src/main.ts'],
        cwd: join(repoRoot(), 'packages', 'aws-sim'),
        env: {
          ...process.env,
          AWS_SIM_PORT: String(env.CHAOS_AWS_SIM_PORT),
          AWS_SIM_HOST: '127.0.0.1',
          AWS_SIM_TIME_SCALE: String(env.CHAOS_AWS_TIME_SCALE),
          AWS_SIM_STATE_FILE: '',
          AWS_SIM_EVENTS_QUEUE: '',
        },
        logFile: join(dataDir, 'aws-sim.log'),
      },
      worker: {
        name: 'worker',
        command: process.execPath,
        args: [tsxCli, 'src/main.ts'],
        cwd: join(repoRoot(), 'packages', 'worker'),
        env: {
          ...process.env,
          ...awsEnv,
          ...keyUnset,
          AUDIT_SIGNING_KEY: signingKeyPem,
          AUDIT_VERIFY_PUBLIC_KEY: '',
          AWS_EVENTS_QUEUE_URL: '',
          DATABASE_URL: databaseUrl,
        },
        logFile: join(dataDir, 'worker.log'),
      },
      web: {
        name: 'web',
        command: process.execPath,
        args: [nextCli(), 'start', '--port', String(env.CHAOS_WEB_PORT), '--hostname', '127.0.0.1'],
        cwd: webCwd,
        env: {
          ...process.env,
          ...awsEnv,
          ...keyUnset,
          AUDIT_SIGNING_KEY: '',
          AUDIT_VERIFY_PUBLIC_KEY: auditPublicKeyPem,
          NODE_ENV: 'production',
          CAIRN_MODE: 'demo',
          DATABASE_URL: databaseUrl,
          NEXTAUTH_URL: webUrl,
          NEXTAUTH_SECRET: 'chaos-run-session-secret-that-is-long-enough',
          NEXT_TELEMETRY_DISABLED: '1',
          CAIRN_MIGRATIONS_DIR: join(repoRoot(), 'prisma', 'migrations'),
          // The load measures recovery, not the limiter.
          INGEST_RATE_LIMIT_PER_MINUTE: '0',
        },
        logFile: join(dataDir, 'web.log'),
      },
    };
    const startService = (name: ServiceName) => {
      const service = spawnService(specs[name]);
      services.set(name, service);
      return service;
    };
    startService('aws-sim');
    await waitFor(`${awsSimUrl}/_sim/health`, START_TIMEOUT_MS);
    startService('worker');
    startService('web');
    await waitFor(`${webUrl}/api/ready`, START_TIMEOUT_MS);
    log(`Web ${webUrl}, aws-sim ${awsSimUrl} (time scale ${env.CHAOS_AWS_TIME_SCALE}); logs in ${dataDir}`);

    return {
      webUrl,
      awsSimUrl,
      databaseUrl,
      seed,
      auditPublicKeyPem,
      dataDir,
      async stopPostgres() {
        await postgres?.stop();
        postgres = null;
      },
      async startPostgres() {
        postgres = await openPostgres();
      },
      service(name) {
        const service = services.get(name);
        if (!service) throw new Error(`${name} was never started`);
        return service;
      },
      startService,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Polls the URL until it answers 2xx; throws after the timeout with the last answer. */
export async function waitFor(url: string, timeoutMs: number, intervalMs = 150): Promise<number> {
  const startedAt = performance.now();
  let last = 'no answer';
  while (performance.now() - startedAt < timeoutMs) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) {
        await response.body?.cancel();
        return performance.now() - startedAt;
      }
      last = `${response.status} ${(await response.text()).slice(0, 300)}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s: ${last}`);
}

import { type AwsSim, startAwsSim } from '@cairn/aws-sim/server';
import { createTestDatabase, type TestDatabase } from '@cairn/db/testing/test-database';
import { type JobQueue, startJobQueue } from '@cairn/services/jobs/job-queue';
import { pino } from 'pino';
import { createTeamCredentialsProvider, type TeamCredentialsProvider } from '../aws/team-credentials';
import { HANDLERS } from '../jobs/handlers';
import { registerHandlers, type WorkerDeps } from '../jobs/job-runner';

/** A database of its own, aws-sim, a job producer and a worker running every handler. */
export interface WorkerTestStack {
  t: TestDatabase;
  sim: AwsSim;
  producer: JobQueue;
  worker: JobQueue;
  credentials: TeamCredentialsProvider;
  deps: WorkerDeps;
  stop(): Promise<void>;
}

export async function startWorkerTestStack(
  options: {
    /** aws-sim's clock: below 1 moves resources through their states faster. */
    simTimeScale?: number;
    reconcile?: WorkerDeps['reconcile'];
    batchSize?: number;
    localConcurrency?: number;
  } = {},
): Promise<WorkerTestStack> {
  const t = await createTestDatabase();
  const sim = await startAwsSim({
    port: 0,
    ...(options.simTimeScale ? { timeScale: options.simTimeScale } : {}),
  });
  const producer = await startJobQueue({ connectionString: t.url, role: 'producer' });
  const worker = await startJobQueue({ connectionString: t.url, role: 'worker' });
  const credentials = createTeamCredentialsProvider({
    stsClientConfig: {
      region: 'us-east-1',
      endpoint: sim.url,
      credentials: { accessKeyId: 'AKIAWORKER000000TEST', secretAccessKey: 'test' },
    },
  });
  const deps: WorkerDeps = {
    db: t.db,
    queue: worker,
    credentials,
    awsEndpoint: sim.url,
    logger: pino({ level: 'silent' }),
    // Test receivers listen on loopback.
    allowsPrivateWebhookAddresses: true,
    ...(options.reconcile ? { reconcile: options.reconcile } : {}),
  };
  await registerHandlers(worker, HANDLERS, deps, {
    batchSize: options.batchSize ?? 10,
    localConcurrency: options.localConcurrency ?? 4,
    pollingIntervalSeconds: 0.5,
  });
  return {
    t,
    sim,
    producer,
    worker,
    credentials,
    deps,
    async stop() {
      await worker.stop({ graceful: false });
      await producer.stop({ graceful: false });
      credentials.destroy();
      await sim.close();
      await t.drop();
    },
  };
}

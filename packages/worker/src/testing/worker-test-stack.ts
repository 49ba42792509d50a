import { SQSClient } from '@aws-sdk/client-sqs';
import { type AwsSim, startAwsSim } from '@cairn/aws-sim/server';
import { createTestDatabase, type TestDatabase } from '@cairn/db/testing/test-database';
import { type JobQueue, startJobQueue } from '@cairn/services/jobs/job-queue';
import { pino } from 'pino';
import { createTeamCredentialsProvider, type TeamCredentialsProvider } from '../aws/team-credentials';
import { type EventConsumer, type MessageOutcome, startEventConsumer } from '../events/event-consumer';
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
  /** With `awsEvents`: the sim's events queue and the consumer reading it. */
  events?: {
    queueUrl: string;
    consumer: EventConsumer;
    /** What became of each message the consumer settled, in order. */
    outcomes: { messageId: string; outcome: MessageOutcome }[];
  };
  stop(): Promise<void>;
}

/** The queue aws-sim fills with state-change events when a stack asks for AWS events. */
export const TEST_EVENTS_QUEUE = 'cairn-events';
const WORKER_KEYS = { accessKeyId: 'AKIAWORKER000000TEST', secretAccessKey: 'test' };

export async function startWorkerTestStack(
  options: {
    /** aws-sim's clock: below 1 moves resources through their states faster. */
    simTimeScale?: number;
    reconcile?: WorkerDeps['reconcile'];
    batchSize?: number;
    localConcurrency?: number;
    /** The sim emits EventBridge events into a queue and the worker consumes them, as on AWS. */
    awsEvents?: boolean;
    /** The cost job reads the sim's Cost Explorer, as COST_EXPLORER_ENABLED does. */
    costExplorer?: boolean;
  } = {},
): Promise<WorkerTestStack> {
  const t = await createTestDatabase();
  const sim = await startAwsSim({
    port: 0,
    ...(options.simTimeScale ? { timeScale: options.simTimeScale } : {}),
    ...(options.awsEvents ? { eventsQueue: TEST_EVENTS_QUEUE } : {}),
  });
  const producer = await startJobQueue({ connectionString: t.url, role: 'producer' });
  const worker = await startJobQueue({ connectionString: t.url, role: 'worker' });
  const credentials = createTeamCredentialsProvider({
    stsClientConfig: {
      region: 'us-east-1',
      endpoint: sim.url,
      credentials: WORKER_KEYS,
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
    ...(options.costExplorer ? { isCostExplorerEnabled: true } : {}),
  };
  await registerHandlers(worker, HANDLERS, deps, {
    batchSize: options.batchSize ?? 10,
    localConcurrency: options.localConcurrency ?? 4,
    pollingIntervalSeconds: 0.5,
  });
  const events = options.awsEvents ? startTestEventConsumer(sim, deps) : undefined;
  return {
    t,
    sim,
    producer,
    worker,
    credentials,
    deps,
    ...(events ? { events } : {}),
    async stop() {
      await events?.consumer.stop();
      await worker.stop({ graceful: false });
      await producer.stop({ graceful: false });
      credentials.destroy();
      await sim.close();
      await t.drop();
    },
  };
}

function startTestEventConsumer(sim: AwsSim, deps: WorkerDeps) {
  const queueUrl = `${sim.url}/000000000000/${TEST_EVENTS_QUEUE}`;
  const outcomes: { messageId: string; outcome: MessageOutcome }[] = [];
  const consumer = startEventConsumer({
    sqs: new SQSClient({ region: 'us-east-1', endpoint: sim.url, credentials: WORKER_KEYS }),
    queueUrl,
    db: deps.db,
    queue: deps.queue as JobQueue,
    logger: deps.logger,
    // Short polls so a stopping test does not wait out a 20 s receive.
    waitSeconds: 1,
    onMessage: (outcome, message) => outcomes.push({ messageId: message.MessageId ?? '', outcome }),
  });
  return { queueUrl, consumer, outcomes };
}

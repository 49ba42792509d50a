import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { SQSClient } from '@aws-sdk/client-sqs';
import { loadAuditKeys } from '@cairn/db/audit-keys';
import { createPrismaClient } from '@cairn/db/client';
import { startJobQueue } from '@cairn/services/jobs/job-queue';
import { pino } from 'pino';
import { startAuditCheckpoints } from './audit-checkpoints';
import { auditAssumeRole } from './aws/audited-call';
import { createTeamCredentialsProvider } from './aws/team-credentials';
import { env } from './env';
import { startEventConsumer } from './events/event-consumer';
import { startHeartbeat } from './heartbeat';
import { scheduleMetricCollection } from './jobs/collect-deployment-metrics.handler';
import { scheduleCostComputation } from './jobs/compute-costs.handler';
import { scheduleApprovalExpiry } from './jobs/expire-approval-requests.handler';
import { HANDLERS } from './jobs/handlers';
import { registerHandlers } from './jobs/job-runner';
import { createShutdown } from './shutdown';

let isStopping = false;
const logger = pino({ name: 'cairn-worker', level: env.logLevel });
const workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

// pg-boss errors carry the whole pg client; its message and code are what an operator needs.
// A failed fetch of a queue's work arrives as a plain object (the error's fields and the queue's name).
const summarize = (error: unknown) => {
  if (error instanceof Error) return { message: error.message, code: (error as { code?: unknown }).code };
  if (error !== null && typeof error === 'object') {
    const { message, code, queue } = error as { message?: unknown; code?: unknown; queue?: unknown };
    return { message: String(message), code, queue };
  }
  return { message: String(error) };
};

const db = createPrismaClient({ connectionString: env.databaseUrl });
const queue = await startJobQueue({
  connectionString: env.databaseUrl,
  role: 'worker',
  superviseIntervalSeconds: env.superviseSeconds,
  onError: (error) => {
    if (isStopping) logger.debug({ error: summarize(error) }, 'pg-boss error while stopping');
    else logger.error({ error: summarize(error) }, 'pg-boss error');
  },
});
const credentials = createTeamCredentialsProvider({
  stsClientConfig: { region: env.awsRegion, ...(env.awsEndpointUrl ? { endpoint: env.awsEndpointUrl } : {}) },
  // AssumeRole is an AWS call like any other: audited, on behalf of the user whose job needs it.
  onAssumeRole: auditAssumeRole(db, 'cairn-worker'),
});
await registerHandlers(
  queue,
  HANDLERS,
  {
    db,
    queue,
    credentials,
    awsEndpoint: env.awsEndpointUrl,
    logger,
    allowsPrivateWebhookAddresses: env.allowsPrivateWebhookAddresses,
    isCostExplorerEnabled: env.isCostExplorerEnabled,
  },
  { batchSize: env.batchSize, localConcurrency: env.localConcurrency },
);
await scheduleApprovalExpiry(queue);
await scheduleMetricCollection(queue);
await scheduleCostComputation(queue);
const heartbeat = startHeartbeat({
  db,
  workerId,
  intervalMs: env.heartbeatMs,
  onError: (error) => logger.warn({ error: summarize(error) }, 'heartbeat failed'),
});
const { signingKey } = loadAuditKeys(env.auditSigningKey);
if (!signingKey) {
  logger.warn('AUDIT_SIGNING_KEY(_FILE) is not set: no signed audit checkpoints are written');
}
const checkpoints = signingKey
  ? startAuditCheckpoints({
      db,
      signingKey,
      intervalMs: env.auditCheckpointIntervalMs,
      onWritten: (checkpoint) =>
        logger.debug({ id: checkpoint.id.toString(), headSeq: checkpoint.headSeq }, 'audit checkpoint'),
      onError: (error) => logger.warn({ error: summarize(error) }, 'audit checkpoint failed'),
    })
  : null;
// AWS events make changes show in seconds; the reconcilers' polling stays the fallback.
const awsEvents = env.awsEventsQueueUrl
  ? startEventConsumer({
      // The worker's own identity and region, not a team's role: the queue is Cairn's.
      sqs: new SQSClient({
        region: env.awsRegion,
        ...(env.awsEndpointUrl ? { endpoint: env.awsEndpointUrl } : {}),
      }),
      queueUrl: env.awsEventsQueueUrl,
      db,
      queue,
      logger: logger.child({ component: 'aws-events' }),
    })
  : null;
logger.info(
  {
    workerId,
    queues: HANDLERS.map((handler) => handler.contract.name),
    awsRegion: env.awsRegion,
    awsEndpointUrl: env.awsEndpointUrl ?? 'default',
    awsEventsQueueUrl: env.awsEventsQueueUrl ?? 'none (polling only)',
  },
  'worker started',
);

// ECS sends SIGKILL 30 s after SIGTERM by default: jobs get 20 s, and the whole stop 25 s.
const shutdown = createShutdown({
  steps: [
    {
      name: 'stop accepting',
      run: () => {
        isStopping = true;
      },
    },
    { name: 'aws events', run: () => awsEvents?.stop() },
    { name: 'heartbeat', run: () => heartbeat.stop() },
    { name: 'audit checkpoints', run: () => checkpoints?.stop() },
    // Graceful: in-flight jobs finish (or are released when the wait runs out) instead of expiring.
    { name: 'job queue', run: () => queue.stop({ graceful: true, timeout: 20_000 }) },
    { name: 'aws credentials', run: () => credentials.destroy() },
    { name: 'database pool', run: () => db.$disconnect() },
  ],
  deadlineMs: 25_000,
  log: logger,
  exit: (code) => process.exit(code),
});

process.on('SIGINT', (signal) => void shutdown(signal));
process.on('SIGTERM', (signal) => void shutdown(signal));

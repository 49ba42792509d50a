import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { createPrismaClient } from '@cairn/db/client';
import { PgBoss } from 'pg-boss';
import { pino } from 'pino';
import { env } from './env';
import { startHeartbeat } from './heartbeat';

let isStopping = false;
const logger = pino({ name: 'cairn-worker', level: env.logLevel });
const workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

const db = createPrismaClient({ connectionString: env.databaseUrl });
const boss = new PgBoss({ connectionString: env.databaseUrl });
// pg-boss errors carry the whole pg client; its message and code are what an operator needs.
const summarize = (error: unknown) =>
  error instanceof Error
    ? { message: error.message, code: (error as { code?: unknown }).code }
    : { message: String(error) };
boss.on('error', (error) => {
  if (isStopping) logger.debug({ error: summarize(error) }, 'pg-boss error while stopping');
  else logger.error({ error: summarize(error) }, 'pg-boss error');
});

await boss.start();
const heartbeat = startHeartbeat({
  db,
  workerId,
  intervalMs: env.heartbeatMs,
  onError: (error) => logger.warn({ error: summarize(error) }, 'heartbeat failed'),
});
logger.info(
  { workerId, awsRegion: env.awsRegion, awsEndpointUrl: env.awsEndpointUrl ?? 'default' },
  'worker started',
);

async function shutdown(signal: NodeJS.Signals) {
  if (isStopping) return;
  isStopping = true;
  logger.info({ signal }, 'worker stopping');
  try {
    await heartbeat.stop();
    // Graceful: let handlers finish the jobs they hold instead of leaving them to expire and retry.
    await boss.stop({ graceful: true });
    await db.$disconnect();
  } catch (error) {
    logger.error({ err: error }, 'worker did not stop cleanly');
    process.exit(1);
  }
  logger.info('worker stopped');
  process.exit(0);
}

process.on('SIGINT', (signal) => void shutdown(signal));
process.on('SIGTERM', (signal) => void shutdown(signal));

import { PgBoss } from 'pg-boss';
import { DEAD_LETTER_QUEUE, JOB_CONTRACTS } from './job-contracts';

export type JobQueue = PgBoss;

/**
 * A started pg-boss on the portal's database with every contract's queue in place. The web app
 * only sends (no maintenance, no cron); the worker also supervises and works.
 */
export async function startJobQueue(options: {
  connectionString: string;
  role: 'producer' | 'worker';
  /** How often a worker looks for jobs whose worker died (stale heartbeat) and retries them. */
  superviseIntervalSeconds?: number;
  onError?: (error: unknown) => void;
}): Promise<JobQueue> {
  const isWorker = options.role === 'worker';
  const boss = new PgBoss({
    connectionString: options.connectionString,
    application_name: `cairn-${options.role}`,
    max: isWorker ? 10 : 4,
    supervise: isWorker,
    schedule: isWorker,
    ...(isWorker && options.superviseIntervalSeconds
      ? { superviseIntervalSeconds: options.superviseIntervalSeconds }
      : {}),
  });
  boss.on('error', options.onError ?? (() => {}));
  await boss.start();
  await ensureQueues(boss);
  return boss;
}

/** Creates missing queues and brings existing ones to the contract's retry policy. */
export async function ensureQueues(boss: PgBoss): Promise<void> {
  const existing = new Set((await boss.getQueues()).map((queue) => queue.name));
  if (!existing.has(DEAD_LETTER_QUEUE))
    await boss.createQueue(DEAD_LETTER_QUEUE, { retentionSeconds: 14 * 86_400 });
  for (const contract of JOB_CONTRACTS) {
    const options = {
      retryLimit: contract.retryLimit,
      retryDelay: contract.retryDelay,
      retryBackoff: true,
      retryDelayMax: contract.retryDelayMax,
      expireInSeconds: contract.expireInSeconds,
      ...(contract.heartbeatSeconds ? { heartbeatSeconds: contract.heartbeatSeconds } : {}),
      deadLetter: DEAD_LETTER_QUEUE,
    };
    if (existing.has(contract.name)) await boss.updateQueue(contract.name, options);
    else await boss.createQueue(contract.name, options);
  }
}

import 'server-only';
import { type JobQueue, startJobQueue } from '@cairn/services/jobs/job-queue';
import { env } from '~/env';

// One producer per server process, started on first use; the worker does the maintenance.
const globalForQueue = globalThis as unknown as { cairnQueue?: Promise<JobQueue> };

export function getJobQueue(): Promise<JobQueue> {
  globalForQueue.cairnQueue ??= startJobQueue({
    connectionString: env.databaseUrl,
    role: 'producer',
    onError: (error) => console.error('job queue error', error instanceof Error ? error.message : error),
  }).catch((error: unknown) => {
    // Let the next request try again instead of caching the failure.
    globalForQueue.cairnQueue = undefined;
    throw error;
  });
  return globalForQueue.cairnQueue;
}

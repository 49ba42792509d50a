import { createTestDatabase, type TestDatabase } from '@cairn/db/testing/test-database';
import { type JobQueue, startJobQueue } from '../jobs/job-queue';

export interface QueueTestDatabase {
  t: TestDatabase;
  queue: JobQueue;
  /** Stops the queue before dropping the database it holds connections to. */
  close(): Promise<void>;
}

/** A test file's own database with a job producer on it, for services that enqueue. */
export async function openQueueTestDatabase(): Promise<QueueTestDatabase> {
  const t = await createTestDatabase();
  const queue = await startJobQueue({ connectionString: t.url, role: 'producer' });
  return {
    t,
    queue,
    close: async () => {
      await queue.stop({ graceful: false });
      await t.drop();
    },
  };
}

import { listFailedJobsInput } from '@cairn/core/schemas/ops';
import type { TestDatabase } from '@cairn/db/testing/test-database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobQueue } from '../jobs/job-queue';
import { contextFor, makeTeam, makeUser } from '../testing/fixtures';
import { openQueueTestDatabase } from '../testing/queue-test-database';
import { listFailedJobs } from './list-failed-jobs';
import { listQueues } from './list-queues';
import { retryJob } from './retry-job';

const QUEUE = 'test.always-fails';
let t: TestDatabase;
let queue: JobQueue;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ t, queue, close } = await openQueueTestDatabase());
  await queue.createQueue(QUEUE, { retryLimit: 0 });
});
afterAll(() => close());

async function failOneJob(teamId: string, message: string) {
  const id = await queue.send(QUEUE, { teamId });
  const [job] = await queue.fetch(QUEUE);
  expect(job?.id).toBe(id);
  await queue.fail(QUEUE, id ?? '', { message });
  return id ?? '';
}

describe('operations', () => {
  it('counts jobs per queue', async () => {
    const admin = await makeUser(t.db, [], { isOrgAdmin: true });
    await queue.createQueue('test.counted');
    await queue.send('test.counted', { teamId: null });
    await queue.send('test.counted', { teamId: null });
    const queues = await listQueues({ ...contextFor(t.db, admin), queue });
    expect(queues.find((q) => q.name === 'test.counted')).toMatchObject({ waiting: 2, active: 0, failed: 0 });
    expect(queues.map((q) => q.name)).toContain('team.verify-aws-access');
  });

  it('lists failed jobs newest first with their error, and retries one with an audit event', async () => {
    const team = await makeTeam(t.db);
    const admin = await makeUser(t.db, [], { isOrgAdmin: true });
    const ctx = { ...contextFor(t.db, admin), queue };
    const older = await failOneJob(team.teamId, 'AccessDenied: not allowed to assume the role');
    const newer = await failOneJob(team.teamId, 'ValidationException: bad endpoint name');

    const firstPage = await listFailedJobs(ctx, listFailedJobsInput.parse({ limit: 1 }));
    expect(firstPage.items[0]).toMatchObject({
      id: newer,
      queue: QUEUE,
      error: 'ValidationException: bad endpoint name',
    });
    const secondPage = await listFailedJobs(
      ctx,
      listFailedJobsInput.parse({ limit: 1, cursor: firstPage.nextCursor }),
    );
    expect(secondPage.items[0]?.id).toBe(older);

    await retryJob(ctx, { queue: QUEUE, jobId: older });
    const [again] = await queue.findJobs(QUEUE, { id: older });
    expect(again?.state).toBe('retry');
    const audit = await t.db.auditEvent.findFirstOrThrow({
      where: { action: 'ops.retryJob', resourceId: older },
    });
    expect(audit.teamId).toBe(team.teamId);
    await expect(retryJob(ctx, { queue: QUEUE, jobId: older })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

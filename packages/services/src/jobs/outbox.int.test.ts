import type { TestDatabase } from '@cairn/db/testing/test-database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTeam } from '../testing/fixtures';
import { openQueueTestDatabase } from '../testing/queue-test-database';
import { enqueueJob } from './enqueue-job';
import { verifyTeamAwsAccessJob } from './job-contracts';
import type { JobQueue } from './job-queue';

let t: TestDatabase;
let queue: JobQueue;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ t, queue, close } = await openQueueTestDatabase());
});
afterAll(() => close());

const payload = (teamId: string) => ({
  teamId,
  checkId: crypto.randomUUID(),
  requestedByUserId: null,
  requestedByLabel: 'outbox test',
});
const jobsFor = async (teamId: string) =>
  (await queue.findJobs(verifyTeamAwsAccessJob.name, { data: { teamId } })).length;

describe('the outbox', () => {
  it('leaves no job when the transaction rolls back', async () => {
    const team = await makeTeam(t.db);
    await expect(
      t.db.$transaction(async (tx) => {
        await enqueueJob(tx, queue, verifyTeamAwsAccessJob, payload(team.teamId));
        throw new Error('the change failed after the job was created');
      }),
    ).rejects.toThrow('the change failed');
    expect(await jobsFor(team.teamId)).toBe(0);
  });

  it('leaves exactly one job when the transaction commits, and only then', async () => {
    const team = await makeTeam(t.db);
    let seenBeforeCommit = -1;
    await t.db.$transaction(async (tx) => {
      await enqueueJob(tx, queue, verifyTeamAwsAccessJob, payload(team.teamId));
      seenBeforeCommit = await jobsFor(team.teamId);
    });
    expect(seenBeforeCommit).toBe(0);
    expect(await jobsFor(team.teamId)).toBe(1);
  });

  it('refuses a payload that breaks the contract before anything is sent', async () => {
    const team = await makeTeam(t.db);
    await expect(
      t.db.$transaction((tx) =>
        enqueueJob(tx, queue, verifyTeamAwsAccessJob, { ...payload(team.teamId), checkId: 'not-an-id' }),
      ),
    ).rejects.toThrow();
    expect(await jobsFor(team.teamId)).toBe(0);
  });
});

import type { TestDatabase } from '@cairn/db/testing/test-database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyTeamAwsAccessJob } from '../jobs/job-contracts';
import type { JobQueue } from '../jobs/job-queue';
import { contextFor, makeTeam } from '../testing/fixtures';
import { openQueueTestDatabase } from '../testing/queue-test-database';
import { recordAwsAccessCheck } from './record-aws-access-check';
import { requestAwsAccessCheck } from './request-aws-access-check';

let t: TestDatabase;
let queue: JobQueue;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ t, queue, close } = await openQueueTestDatabase());
});
afterAll(() => close());

describe('AWS access checks', () => {
  it('records the check, its audit event and one job together; a second request reuses the waiting check', async () => {
    const team = await makeTeam(t.db);
    const ctx = { ...contextFor(t.db, team.admin), queue };
    const first = await requestAwsAccessCheck(ctx, { teamId: team.teamId });
    const second = await requestAwsAccessCheck(ctx, { teamId: team.teamId });
    expect(second.id).toBe(first.id);
    expect(first.status).toBe('PENDING');
    const jobs = await queue.findJobs(verifyTeamAwsAccessJob.name, { data: { teamId: team.teamId } });
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.id).toBe(first.jobId);
    const audit = await t.db.auditEvent.findMany({
      where: { action: 'team.requestAwsAccessCheck', teamId: team.teamId },
    });
    expect(audit).toHaveLength(1);
  });

  it('keeps the first verdict when the worker replays it', async () => {
    const team = await makeTeam(t.db);
    const check = await requestAwsAccessCheck(
      { ...contextFor(t.db, team.admin), queue },
      { teamId: team.teamId },
    );
    const verdict = {
      checkId: check.id,
      jobId: check.jobId ?? '',
      onBehalfOfUserId: team.admin.id,
      result: {
        status: 'SUCCEEDED' as const,
        assumedArn: 'arn:aws:sts::123456789012:assumed-role/r/s',
        account: '123456789012',
        awsRequestId: 'req-1',
      },
    };
    await expect(recordAwsAccessCheck(t.db, verdict)).resolves.toEqual({ isRecorded: true });
    await expect(
      recordAwsAccessCheck(t.db, {
        ...verdict,
        result: { status: 'FAILED', errorCode: 'X', errorMessage: 'late replay', awsRequestId: null },
      }),
    ).resolves.toEqual({ isRecorded: false });
    const stored = await t.db.awsAccessCheck.findUniqueOrThrow({ where: { id: check.id } });
    expect(stored).toMatchObject({ status: 'SUCCEEDED', account: '123456789012' });
    const audit = await t.db.auditEvent.findMany({
      where: { action: 'team.recordAwsAccessCheck', resourceId: check.id },
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorType: 'WORKER',
      awsRequestId: 'req-1',
      onBehalfOfUserId: team.admin.id,
    });
  });
});

import { expireApprovalRequestsJob } from '@cairn/services/jobs/job-contracts';
import { makeTeam } from '@cairn/services/testing/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkerTestStack, type WorkerTestStack } from '../testing/worker-test-stack';
import { scheduleApprovalExpiry } from './expire-approval-requests.handler';

let stack: WorkerTestStack;
let t: WorkerTestStack['t'];
let producer: WorkerTestStack['producer'];
let worker: WorkerTestStack['worker'];

beforeAll(async () => {
  stack = await startWorkerTestStack();
  ({ t, producer, worker } = stack);
});
afterAll(() => stack.stop());

async function pendingRequest(expiresAt: Date) {
  const team = await makeTeam(t.db);
  const experiment = await t.db.experiment.create({
    data: { teamId: team.teamId, projectId: team.projectId, name: 'training' },
  });
  const run = await t.db.run.create({
    data: {
      teamId: team.teamId,
      projectId: team.projectId,
      experimentId: experiment.id,
      name: 'calm-fox',
      status: 'FINISHED',
      startTime: new Date(),
    },
  });
  const group = await t.db.modelGroup.create({
    data: {
      teamId: team.teamId,
      projectId: team.projectId,
      name: 'scorer',
      awsName: `cairn-mpg-${crypto.randomUUID()}`,
    },
  });
  const version = await t.db.modelVersion.create({
    data: {
      teamId: team.teamId,
      projectId: team.projectId,
      modelGroupId: group.id,
      version: 1,
      runId: run.id,
      artifactUri: 's3://cairn-artifacts/model.tar.gz',
      inferenceImageUri: '210987654321.dkr.ecr.us-east-1.amazonaws.com/scorer:1.0.0',
      framework: 'SKLEARN',
    },
  });
  return t.db.approvalRequest.create({
    data: {
      teamId: team.teamId,
      projectId: team.projectId,
      modelVersionId: version.id,
      environment: 'STAGING',
      policy: {},
      requestedById: team.engineer.id,
      expiresAt,
    },
  });
}

describe('approval request expiry', () => {
  it('expires overdue pending requests when the sweep runs, and leaves the others', async () => {
    const overdue = await pendingRequest(new Date(Date.now() - 60_000));
    const current = await pendingRequest(new Date(Date.now() + 3_600_000));
    await producer.send(expireApprovalRequestsJob.name, {});
    const deadline = Date.now() + 30_000;
    let request = await t.db.approvalRequest.findUniqueOrThrow({ where: { id: overdue.id } });
    while (request.status === 'PENDING' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      request = await t.db.approvalRequest.findUniqueOrThrow({ where: { id: overdue.id } });
    }
    expect(request.status).toBe('EXPIRED');
    await expect(
      t.db.approvalRequest.findUniqueOrThrow({ where: { id: current.id } }),
    ).resolves.toMatchObject({
      status: 'PENDING',
    });
  });

  it('is on the schedule once every minute, however many workers put it there', async () => {
    await scheduleApprovalExpiry(worker);
    await scheduleApprovalExpiry(producer);
    const schedules = await worker.getSchedules(expireApprovalRequestsJob.name);
    expect(schedules).toHaveLength(1);
    expect(schedules[0]).toMatchObject({ name: expireApprovalRequestsJob.name, cron: '* * * * *' });
  });
});

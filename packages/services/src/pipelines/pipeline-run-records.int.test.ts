import type { TestDatabase } from '@cairn/db/testing/test-database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobQueue } from '../jobs/job-queue';
import { makeTeam, type TestTeam } from '../testing/fixtures';
import { openQueueTestDatabase } from '../testing/queue-test-database';
import { recordPipelineApprovalAnswer } from './record-pipeline-approval-answer';
import { recordPipelineRun } from './record-pipeline-run';
import { recordPipelineWaitingApproval } from './record-pipeline-waiting-approval';

let t: TestDatabase;
let queue: JobQueue;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ t, queue, close } = await openQueueTestDatabase());
});
afterAll(() => close());

const WAIT = {
  stageName: 'Approval',
  actionName: 'ApproveRelease',
  token: '3f2b8c1e-9a4d-4e7f-8b6a-1c2d3e4f5a6b',
  since: '2026-11-25T10:00:00.000Z',
};

async function runningRun(team: TestTeam, awsPipelineName = 'cairn-release-approval') {
  const pipeline = await t.db.pipeline.create({
    data: { teamId: team.teamId, projectId: team.projectId, kind: 'CODEPIPELINE', awsPipelineName },
  });
  return t.db.pipelineRun.create({
    data: {
      pipelineId: pipeline.id,
      teamId: team.teamId,
      requestedById: team.engineer.id,
      status: 'RUNNING',
      awsExecutionId: crypto.randomUUID(),
      startedAt: new Date(),
    },
  });
}

const audits = (resourceId: string, action: string) =>
  t.db.auditEvent.findMany({ where: { resourceId, action }, orderBy: { seq: 'asc' } });

describe('pipeline run records', () => {
  it('records a manual approval wait once, and its end once', async () => {
    const team = await makeTeam(t.db);
    const run = await runningRun(team);
    const record = (waiting: typeof WAIT | null) =>
      recordPipelineWaitingApproval(t.db, {
        runId: run.id,
        jobId: 'job-1',
        onBehalfOfUserId: team.engineer.id,
        waiting,
      });
    await expect(record(null)).resolves.toEqual({ isRecorded: false });
    await expect(record(WAIT)).resolves.toEqual({ isRecorded: true });
    // Seen again on the next look, a second later.
    await expect(record({ ...WAIT, since: '2026-11-25T10:00:01.000Z' })).resolves.toEqual({
      isRecorded: false,
    });
    await expect(t.db.pipelineRun.findUniqueOrThrow({ where: { id: run.id } })).resolves.toMatchObject({
      waitingApproval: WAIT,
    });
    await expect(record(null)).resolves.toEqual({ isRecorded: true });
    const events = await audits(run.id, 'pipeline.recordWaitingApproval');
    expect(events.map((event) => event.after)).toEqual([
      { stageName: 'Approval', actionName: 'ApproveRelease', since: WAIT.since },
      { waitingApproval: null },
    ]);
  });

  it('does not mark a run that already ended as waiting', async () => {
    const team = await makeTeam(t.db);
    const run = await runningRun(team);
    await t.db.pipelineRun.update({ where: { id: run.id }, data: { status: 'SUCCEEDED' } });
    await expect(
      recordPipelineWaitingApproval(t.db, {
        runId: run.id,
        jobId: 'j',
        onBehalfOfUserId: null,
        waiting: WAIT,
      }),
    ).resolves.toEqual({ isRecorded: false });
  });

  it('records a sent answer once and stops the wait it answered', async () => {
    const team = await makeTeam(t.db);
    const run = await runningRun(team);
    const record = (outcome: Parameters<typeof recordPipelineApprovalAnswer>[1]['outcome']) =>
      recordPipelineApprovalAnswer(t.db, {
        runId: run.id,
        jobId: 'job-2',
        onBehalfOfUserId: team.approver.id,
        outcome,
      });
    await expect(record({ status: 'SENT', isAlreadyAnswered: false })).resolves.toEqual({
      isRecorded: false,
    });
    await t.db.pipelineRun.update({
      where: { id: run.id },
      data: {
        waitingApproval: WAIT,
        approvalAnswer: { ...WAIT, status: 'Approved', summary: 'Ship it', byUserId: team.approver.id },
      },
    });
    await expect(record({ status: 'FAILED', error: 'InternalFailure: try later' })).resolves.toEqual({
      isRecorded: true,
    });
    await expect(record({ status: 'FAILED', error: 'InternalFailure: try later' })).resolves.toEqual({
      isRecorded: false,
    });
    await expect(record({ status: 'SENT', isAlreadyAnswered: false })).resolves.toEqual({ isRecorded: true });
    await expect(record({ status: 'SENT', isAlreadyAnswered: true })).resolves.toEqual({ isRecorded: false });
    const stored = await t.db.pipelineRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(stored.waitingApproval).toBeNull();
    expect(stored.approvalAnswer).toMatchObject({ status: 'Approved', sentAt: expect.any(String) });
    const events = await audits(run.id, 'pipeline.recordApprovalAnswer');
    expect(events.map((event) => event.outcome)).toEqual(['FAILED', 'SUCCESS']);
    expect(events[1]?.after).toMatchObject({
      status: 'Approved',
      summary: 'Ship it',
      byUserId: team.approver.id,
    });
  });

  it('announces an end state once: webhook delivery and a notification to who started the run', async () => {
    const team = await makeTeam(t.db);
    const run = await runningRun(team, 'cairn-nightly');
    await t.db.pipelineRun.update({ where: { id: run.id }, data: { waitingApproval: WAIT } });
    await t.db.projectWebhook.create({
      data: {
        teamId: team.teamId,
        projectId: team.projectId,
        url: 'https://hooks.example.com/cairn',
        secret: 'whsec_x',
        events: ['pipeline_run.finished'],
      },
    });
    const finish = () =>
      recordPipelineRun(t.db, {
        runId: run.id,
        jobId: 'job-3',
        onBehalfOfUserId: team.engineer.id,
        update: { status: 'FAILED', statusReason: 'Action "Deploy" failed' },
        queue,
      });
    await expect(finish()).resolves.toEqual({ isRecorded: true });
    await expect(finish()).resolves.toEqual({ isRecorded: false });
    await expect(t.db.pipelineRun.findUniqueOrThrow({ where: { id: run.id } })).resolves.toMatchObject({
      status: 'FAILED',
      waitingApproval: null,
    });
    const deliveries = await t.db.webhookDelivery.findMany({ where: { teamId: team.teamId } });
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]?.payload).toMatchObject({
      event: 'pipeline_run.finished',
      data: { runId: run.id, status: 'FAILED', pipeline: { name: 'cairn-nightly' }, modelVersionId: null },
    });
    const jobs = await queue.findJobs('webhook.deliver', { data: { deliveryId: deliveries[0]?.id } });
    expect(jobs).toHaveLength(1);
    const notifications = await t.db.notification.findMany({ where: { userId: team.engineer.id } });
    expect(notifications).toEqual([
      expect.objectContaining({
        kind: 'pipeline_run.finished',
        title: 'Pipeline cairn-nightly failed',
        body: 'Action "Deploy" failed',
        link: `/teams/${team.teamId}/projects/${team.projectId}`,
      }),
    ]);
  });
});

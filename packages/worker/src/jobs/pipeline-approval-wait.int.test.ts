import { enqueueJob } from '@cairn/services/jobs/enqueue-job';
import { startPipelineRunJob } from '@cairn/services/jobs/job-contracts';
import { makeTeam } from '@cairn/services/testing/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkerTestStack, type WorkerTestStack } from '../testing/worker-test-stack';

let stack: WorkerTestStack;
let t: WorkerTestStack['t'];
let producer: WorkerTestStack['producer'];

beforeAll(async () => {
  stack = await startWorkerTestStack({
    simTimeScale: 0.01,
    // A time limit far shorter than the wait below.
    reconcile: { firstPollSeconds: 1, maxPollSeconds: 1, timeLimitSeconds: 2 },
  });
  ({ t, producer } = stack);
});
afterAll(() => stack.stop());

describe('a run waiting at a manual approval', () => {
  it('is not timed out while it waits for a person', async () => {
    const team = await makeTeam(t.db);
    await t.db.team.update({
      where: { id: team.teamId },
      data: { iamRoleArn: 'arn:aws:iam::210987654321:role/cairn-team-release' },
    });
    const pipeline = await t.db.pipeline.create({
      data: {
        teamId: team.teamId,
        projectId: team.projectId,
        kind: 'CODEPIPELINE',
        awsPipelineName: 'cairn-slow-review-approval',
      },
    });
    const run = await t.db.$transaction(async (tx) => {
      const created = await tx.pipelineRun.create({
        data: { pipelineId: pipeline.id, teamId: team.teamId, requestedById: team.engineer.id },
      });
      await enqueueJob(tx, producer, startPipelineRunJob, {
        teamId: team.teamId,
        runId: created.id,
        requestedByUserId: team.engineer.id,
        requestedByLabel: team.engineer.email,
      });
      return created;
    });
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    const waiting = await t.db.pipelineRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(waiting).toMatchObject({
      status: 'RUNNING',
      waitingApproval: expect.objectContaining({ stageName: 'Approval' }),
    });
  }, 30_000);
});

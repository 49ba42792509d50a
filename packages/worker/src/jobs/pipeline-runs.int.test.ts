import { startPipelineRun } from '@cairn/services/pipelines/start-pipeline-run';
import { contextFor, makeTeam } from '@cairn/services/testing/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkerTestStack, type WorkerTestStack } from '../testing/worker-test-stack';

let stack: WorkerTestStack;
let t: WorkerTestStack['t'];
let sim: WorkerTestStack['sim'];
let producer: WorkerTestStack['producer'];
let worker: WorkerTestStack['worker'];

beforeAll(async () => {
  stack = await startWorkerTestStack({
    // Pipelines take minutes in AWS; a hundredth of that here.
    simTimeScale: 0.01,
    reconcile: { firstPollSeconds: 1, maxPollSeconds: 2, timeLimitSeconds: 120 },
    batchSize: 5,
    localConcurrency: 2,
  });
  ({ t, sim, producer, worker } = stack);
});
afterAll(() => stack.stop());

async function pipelineFor(kind: 'CODEPIPELINE' | 'SAGEMAKER', awsPipelineName: string) {
  const team = await makeTeam(t.db);
  await t.db.team.update({
    where: { id: team.teamId },
    data: { iamRoleArn: 'arn:aws:iam::210987654321:role/cairn-team-pipelines' },
  });
  const pipeline = await t.db.pipeline.create({
    data: { teamId: team.teamId, projectId: team.projectId, kind, awsPipelineName },
  });
  return { team, pipeline, ctx: { ...contextFor(t.db, team.engineer), queue: producer } };
}

async function settled(runId: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await t.db.pipelineRun.findUniqueOrThrow({ where: { id: runId } });
    if (!['STARTING', 'RUNNING'].includes(run.status) || Date.now() > deadline) return run;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

describe('pipeline runs', () => {
  it('starts a CodePipeline execution and follows it to success, recording each step once', async () => {
    const { pipeline, team, ctx } = await pipelineFor('CODEPIPELINE', 'cairn-release-churn');
    const run = await startPipelineRun(ctx, { teamId: team.teamId, pipelineId: pipeline.id });
    const done = await settled(run.id);
    expect(done).toMatchObject({ status: 'SUCCEEDED', awsExecutionId: expect.any(String) });
    expect(done.finishedAt).not.toBeNull();
    const steps = await t.db.auditEvent.findMany({
      where: { action: 'pipeline.recordRun', resourceId: run.id },
      orderBy: { seq: 'asc' },
    });
    expect(steps.map((step) => (step.after as { status: string }).status)).toEqual(['RUNNING', 'SUCCEEDED']);
    const starts = await t.db.auditEvent.count({
      where: { action: 'aws.codepipeline.StartPipelineExecution', teamId: team.teamId },
    });
    expect(starts).toBe(1);
  });

  it('records a failed SageMaker pipeline execution with AWS’s reason', async () => {
    await fetch(`${sim.url}/_sim/pipelines`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'train-fail', service: 'sagemaker' }),
    });
    const { pipeline, team, ctx } = await pipelineFor('SAGEMAKER', 'train-fail');
    const run = await startPipelineRun(ctx, { teamId: team.teamId, pipelineId: pipeline.id });
    const done = await settled(run.id);
    expect(done.status).toBe('FAILED');
    expect(done.statusReason).toContain('failed');
  });

  it('fails a run whose pipeline does not exist, clearly and without retrying', async () => {
    const { pipeline, team, ctx } = await pipelineFor('CODEPIPELINE', 'no-such-pipeline');
    const run = await startPipelineRun(ctx, { teamId: team.teamId, pipelineId: pipeline.id });
    const done = await settled(run.id);
    expect(done.status).toBe('FAILED');
    expect(done.statusReason).toMatch(/^Could not start: PipelineNotFound/);
  });

  it('stops watching at the time limit and says so, without touching a run that already ended', async () => {
    const { pipeline, team, ctx } = await pipelineFor('CODEPIPELINE', 'cairn-slow');
    const run = await startPipelineRun(ctx, { teamId: team.teamId, pipelineId: pipeline.id });
    await t.db.pipelineRun.update({
      where: { id: run.id },
      data: { status: 'RUNNING', awsExecutionId: 'x' },
    });
    await worker.send('pipeline-run.reconcile', {
      teamId: team.teamId,
      runId: run.id,
      requestedByUserId: team.engineer.id,
      requestedByLabel: team.engineer.email,
      giveUpAt: new Date(Date.now() - 1_000).toISOString(),
    });
    const done = await settled(run.id);
    expect(done.status).toBe('TIMED_OUT');
    expect(done.statusReason).toContain('stopped watching');
  });
});

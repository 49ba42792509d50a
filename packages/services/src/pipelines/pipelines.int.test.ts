import type { TestDatabase } from '@cairn/db/testing/test-database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPipelineRunJob } from '../jobs/job-contracts';
import type { JobQueue } from '../jobs/job-queue';
import { contextFor, makeTeam } from '../testing/fixtures';
import { openQueueTestDatabase } from '../testing/queue-test-database';
import { listPipelines } from './list-pipelines';
import { recordPipelineRun } from './record-pipeline-run';
import { registerPipeline } from './register-pipeline';
import { startPipelineRun } from './start-pipeline-run';

let t: TestDatabase;
let queue: JobQueue;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ t, queue, close } = await openQueueTestDatabase());
});
afterAll(() => close());

describe('pipelines', () => {
  it('registers a pipeline once per project and starts runs with their job and audit event', async () => {
    const team = await makeTeam(t.db);
    const ctx = { ...contextFor(t.db, team.engineer), queue };
    const input = {
      teamId: team.teamId,
      projectId: team.projectId,
      kind: 'CODEPIPELINE' as const,
      awsPipelineName: 'cairn-release',
      description: '',
    };
    const pipeline = await registerPipeline(ctx, input);
    await expect(registerPipeline(ctx, input)).rejects.toMatchObject({
      code: 'CONFLICT',
      field: 'awsPipelineName',
    });

    const run = await startPipelineRun(ctx, { teamId: team.teamId, pipelineId: pipeline.id });
    expect(run.status).toBe('STARTING');
    const jobs = await queue.findJobs(startPipelineRunJob.name, { data: { runId: run.id } });
    expect(jobs).toHaveLength(1);
    await expect(
      t.db.auditEvent.count({ where: { action: 'pipeline.start', resourceId: run.id } }),
    ).resolves.toBe(1);
    const [listed] = await listPipelines(ctx, { teamId: team.teamId, projectId: team.projectId });
    expect(listed?.runs.map((r) => r.id)).toEqual([run.id]);
  });

  it('answers NOT_FOUND for another team’s pipeline', async () => {
    const team = await makeTeam(t.db);
    const other = await makeTeam(t.db);
    const foreign = await registerPipeline(
      { ...contextFor(t.db, other.engineer), queue },
      {
        teamId: other.teamId,
        projectId: other.projectId,
        kind: 'SAGEMAKER',
        awsPipelineName: 'train',
        description: '',
      },
    );
    await expect(
      startPipelineRun(
        { ...contextFor(t.db, team.engineer), queue },
        { teamId: team.teamId, pipelineId: foreign.id },
      ),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('moves a run forward only: a replayed or late transition changes nothing', async () => {
    const team = await makeTeam(t.db);
    const ctx = { ...contextFor(t.db, team.engineer), queue };
    const pipeline = await registerPipeline(ctx, {
      teamId: team.teamId,
      projectId: team.projectId,
      kind: 'CODEPIPELINE',
      awsPipelineName: 'cairn-x',
      description: '',
    });
    const run = await startPipelineRun(ctx, { teamId: team.teamId, pipelineId: pipeline.id });
    const record = (update: Parameters<typeof recordPipelineRun>[1]['update']) =>
      recordPipelineRun(t.db, { runId: run.id, jobId: 'job', onBehalfOfUserId: null, update });
    await expect(record({ status: 'RUNNING', awsExecutionId: 'e-1' })).resolves.toEqual({ isRecorded: true });
    await expect(record({ status: 'RUNNING', awsExecutionId: 'e-2' })).resolves.toEqual({
      isRecorded: false,
    });
    await expect(record({ status: 'SUCCEEDED', statusReason: null })).resolves.toEqual({ isRecorded: true });
    await expect(record({ status: 'FAILED', statusReason: 'late' })).resolves.toEqual({ isRecorded: false });
    const stored = await t.db.pipelineRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(stored).toMatchObject({ status: 'SUCCEEDED', awsExecutionId: 'e-1', statusReason: null });
  });
});

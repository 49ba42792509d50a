import type { TestDatabase } from '@cairn/db/testing/test-database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerModelVersionJob } from '../jobs/job-contracts';
import type { JobQueue } from '../jobs/job-queue';
import { createModelGroup } from '../model-groups/create-model-group';
import { contextFor, makeTeam, type TestTeam } from '../testing/fixtures';
import { openQueueTestDatabase } from '../testing/queue-test-database';
import { getModelVersion } from './get-model-version';
import { listModelVersions } from './list-model-versions';
import { registerModelVersion } from './register-model-version';

let t: TestDatabase;
let queue: JobQueue;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ t, queue, close } = await openQueueTestDatabase());
});
afterAll(() => close());

async function makeRun(
  team: Pick<TestTeam, 'teamId' | 'projectId'>,
  options: { status?: 'FINISHED' | 'RUNNING' | 'FAILED'; metrics?: Record<string, number> } = {},
) {
  const experiment = await t.db.experiment.create({
    data: { teamId: team.teamId, projectId: team.projectId, name: `exp-${crypto.randomUUID()}` },
  });
  const run = await t.db.run.create({
    data: {
      teamId: team.teamId,
      projectId: team.projectId,
      experimentId: experiment.id,
      name: 'bright-owl',
      status: options.status ?? 'FINISHED',
      startTime: new Date(),
    },
  });
  // Through SQL: the driver would turn Infinity into NaN and -0 into 0 on the way in.
  for (const [key, value] of Object.entries(options.metrics ?? {})) {
    const text = Object.is(value, -0) ? '-0' : String(value);
    await t.db.$executeRaw`
      INSERT INTO "RunLatestMetric" ("runId", key, value, step, timestamp)
      VALUES (${run.id}::uuid, ${key}, ${text}::float8, 10, 1700000000000)`;
  }
  return run;
}

async function setUp() {
  const team = await makeTeam(t.db);
  const ctx = { ...contextFor(t.db, team.engineer), queue };
  const group = await createModelGroup(ctx, {
    teamId: team.teamId,
    projectId: team.projectId,
    name: 'scorer',
    description: '',
  });
  return { team, ctx, group };
}

const versionInput = (team: TestTeam, modelGroupId: string, runId: string) => ({
  teamId: team.teamId,
  projectId: team.projectId,
  modelGroupId,
  runId,
  artifactUri: 's3://cairn-artifacts/model.tar.gz',
  inferenceImageUri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/scorer:1',
  framework: 'XGBOOST' as const,
  description: 'first cut',
  modelCard: { intendedUse: 'fraud triage', limitations: '', trainingData: 'Q3 claims', evaluation: '' },
});

describe('registering model versions', () => {
  it('numbers versions 1, 2, 3 per group, captures the run metrics (NaN and infinities kept), audits and enqueues', async () => {
    const { team, ctx, group } = await setUp();
    const run = await makeRun(team, {
      metrics: { auc: 0.93, loss: Number.NaN, ratio: Number.POSITIVE_INFINITY, drift: -0 },
    });
    const versions = [];
    for (let i = 0; i < 3; i++)
      versions.push(await registerModelVersion(ctx, versionInput(team, group.id, run.id)));
    expect(versions.map((v) => v.version)).toEqual([1, 2, 3]);
    expect(versions[0]).toMatchObject({
      approvalStatus: 'PENDING_MANUAL_APPROVAL',
      awsStatus: 'PENDING',
      artifactRevision: 1,
      createdById: team.engineer.id,
      capturedMetrics: {
        auc: { value: '0.93', step: '10', timestamp: '1700000000000' },
        loss: { value: 'NaN' },
        ratio: { value: 'Infinity' },
        drift: { value: '-0' },
      },
    });
    const audit = await t.db.auditEvent.findFirstOrThrow({
      where: { action: 'modelVersion.register', resourceId: versions[0]!.id },
    });
    expect(audit.after).toMatchObject({ version: 1, runId: run.id, modelGroupId: group.id });
    const jobs = await queue.findJobs(registerModelVersionJob.name, { data: { teamId: team.teamId } });
    expect(jobs).toHaveLength(3);

    const page1 = await listModelVersions(ctx, {
      teamId: team.teamId,
      projectId: team.projectId,
      modelGroupId: group.id,
      limit: 2,
    });
    expect(page1.items.map((v) => v.version)).toEqual([3, 2]);
    expect(page1.items[0]).toMatchObject({
      run: { id: run.id, name: 'bright-owl' },
      createdBy: { id: team.engineer.id },
    });
    const page2 = await listModelVersions(ctx, {
      teamId: team.teamId,
      projectId: team.projectId,
      modelGroupId: group.id,
      limit: 2,
      cursor: page1.nextCursor!,
    });
    expect(page2).toMatchObject({ items: [{ version: 1 }], nextCursor: null });
    const byRun = await listModelVersions(ctx, {
      teamId: team.teamId,
      projectId: team.projectId,
      runId: run.id,
      limit: 50,
    });
    expect(byRun.items).toHaveLength(3);

    const viewerCtx = contextFor(t.db, team.viewer);
    const one = await getModelVersion(viewerCtx, {
      teamId: team.teamId,
      projectId: team.projectId,
      id: versions[1]!.id,
    });
    expect(one).toMatchObject({
      version: 2,
      run: { id: run.id, experiment: { id: run.experimentId } },
      modelGroup: { name: 'scorer' },
    });
  });

  it('gives concurrent registrations distinct consecutive numbers', async () => {
    const { team, ctx, group } = await setUp();
    const run = await makeRun(team);
    const versions = await Promise.all(
      Array.from({ length: 8 }, () => registerModelVersion(ctx, versionInput(team, group.id, run.id))),
    );
    expect(versions.map((v) => v.version).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('refuses another project’s group or run as not found, a viewer as forbidden, an unfinished run, and leaves nothing behind', async () => {
    const { team, ctx, group } = await setUp();
    const other = await setUp();
    const run = await makeRun(team);
    const foreignRun = await makeRun(other.team);
    await expect(registerModelVersion(ctx, versionInput(team, other.group.id, run.id))).rejects.toMatchObject(
      {
        code: 'NOT_FOUND',
        message: 'Model group not found',
      },
    );
    await expect(
      registerModelVersion(ctx, versionInput(team, group.id, foreignRun.id)),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'Run not found',
    });
    await expect(
      registerModelVersion(ctx, { ...versionInput(team, group.id, run.id), teamId: other.team.teamId }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      registerModelVersion({ ...contextFor(t.db, team.viewer), queue }, versionInput(team, group.id, run.id)),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const running = await makeRun(team, { status: 'RUNNING' });
    await expect(registerModelVersion(ctx, versionInput(team, group.id, running.id))).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED',
      message: 'Only a finished run can be registered; this run is running',
    });
    await t.db.run.update({ where: { id: run.id }, data: { deletedAt: new Date() } });
    await expect(registerModelVersion(ctx, versionInput(team, group.id, run.id))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(t.db.modelVersion.count({ where: { teamId: team.teamId } })).resolves.toBe(0);
    await expect(t.db.modelGroup.findUniqueOrThrow({ where: { id: group.id } })).resolves.toMatchObject({
      versionCount: 0,
    });
    const jobs = await queue.findJobs(registerModelVersionJob.name, { data: { teamId: team.teamId } });
    expect(jobs).toHaveLength(0);
  });

  it('commits the version and its job together: a failure after the job is written leaves neither', async () => {
    const { team, group } = await setUp();
    const run = await makeRun(team);
    // The job is written through the transaction, then the registration fails: had the job been
    // written on a connection of its own, it would survive the rollback.
    const failingAfterSend = {
      send: async (...args: Parameters<JobQueue['send']>) => {
        await queue.send(...args);
        throw new Error('failure after the job was written');
      },
    } as unknown as JobQueue;
    await expect(
      registerModelVersion(
        { ...contextFor(t.db, team.engineer), queue: failingAfterSend },
        versionInput(team, group.id, run.id),
      ),
    ).rejects.toThrow('failure after the job was written');
    await expect(t.db.modelVersion.count({ where: { teamId: team.teamId } })).resolves.toBe(0);
    const jobs = await queue.findJobs(registerModelVersionJob.name, { data: { teamId: team.teamId } });
    expect(jobs).toHaveLength(0);
  });
});

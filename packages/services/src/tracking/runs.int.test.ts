import type { Actor } from '@cairn/core/actor';
import { createTestDatabase, type TestDatabase } from '@cairn/db/testing/test-database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceContext } from '../context';
import { contextFor, makeTeam, type TestTeam } from '../testing/fixtures';
import { createExperiment } from './create-experiment';
import { createRun } from './create-run';
import { deleteRun } from './delete-run';
import { deleteRunTag } from './delete-run-tag';
import { getRun } from './get-run';
import { logRunData } from './log-run-data';
import { logRunInputs } from './log-run-inputs';
import { restoreRun } from './restore-run';
import { updateRun } from './update-run';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

async function runIn(team: TestTeam, tags: Array<{ key: string; value: string }> = []) {
  const ctx = contextFor(t.db, team.engineer);
  const experiment = await createExperiment(ctx, {
    teamId: team.teamId,
    projectId: team.projectId,
    name: `e-${crypto.randomUUID()}`,
  });
  const run = await createRun(ctx, { teamId: team.teamId, experimentId: experiment.id, tags });
  return { ctx, run, ref: { teamId: team.teamId, runId: run.id } };
}

function tokenContext(team: TestTeam, projectId: string, userId = team.engineer.id): ServiceContext {
  const actor: Actor = {
    kind: 'apiToken',
    tokenId: crypto.randomUUID(),
    userId,
    label: 'token',
    teamId: team.teamId,
    projectId,
  };
  return { ...contextFor(t.db, team.engineer), actor };
}

const batch = (extra: Partial<Parameters<typeof logRunData>[1]> & { teamId: string; runId: string }) => ({
  metrics: [],
  params: [],
  tags: [],
  ...extra,
});

async function counts(runId: string) {
  return {
    points: await t.db.metricPoint.count({ where: { runId } }),
    params: await t.db.runParam.count({ where: { runId } }),
    tags: await t.db.runTag.count({ where: { runId } }),
    latest: await t.db.runLatestMetric.count({ where: { runId } }),
  };
}

describe('runs', () => {
  it('creates a run whose MLflow system tags fill its columns, then updates, deletes and restores it', async () => {
    const team = await makeTeam(t.db);
    const { ctx, run, ref } = await runIn(team, [
      { key: 'mlflow.user', value: 'alice' },
      { key: 'mlflow.source.name', value: 'train.py' },
      { key: 'mlflow.source.git.commit', value: 'abc123' },
    ]);
    expect(run).toMatchObject({
      status: 'RUNNING',
      userName: 'alice',
      source: 'train.py',
      gitCommit: 'abc123',
    });
    expect(run.name).toMatch(/^[a-z]+-[a-z]+-\d+$/);
    expect(run.artifactUri).toContain(run.id.replaceAll('-', ''));
    const detail = await getRun(contextFor(t.db, team.viewer), ref);
    expect(detail.tags).toContainEqual({ key: 'mlflow.runName', value: run.name });
    const finished = await updateRun(ctx, {
      ...ref,
      status: 'FINISHED',
      endTime: 1_700_000_000_000,
      runName: 'best',
    });
    expect(finished).toMatchObject({
      status: 'FINISHED',
      name: 'best',
      endTime: new Date(1_700_000_000_000),
    });
    expect((await getRun(ctx, ref)).tags).toContainEqual({ key: 'mlflow.runName', value: 'best' });
    // MLflow accepts data for a finished run.
    await logRunData(ctx, batch({ ...ref, metrics: [{ key: 'late', value: 1, step: 0, timestamp: 1 }] }));
    await deleteRun(ctx, ref);
    await expect(getRun(ctx, ref)).resolves.toMatchObject({ lifecycleStage: 'deleted' });
    await expect(
      logRunData(ctx, batch({ ...ref, params: [{ key: 'p', value: '1' }] })),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining("must be in the 'active' state"),
    });
    await expect(updateRun(ctx, { ...ref, status: 'FAILED' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await restoreRun(ctx, ref);
    await logRunData(ctx, batch({ ...ref, params: [{ key: 'p', value: '1' }] }));
    const actions = await t.db.auditEvent.findMany({
      where: { resourceId: run.id },
      orderBy: { seq: 'asc' },
    });
    expect(actions.map((a) => a.action)).toEqual([
      'run.create',
      'run.update',
      'run.logBatch',
      'run.delete',
      'run.restore',
      'run.logBatch',
    ]);
  });

  it('refuses a run name that contradicts the mlflow.runName tag', async () => {
    const team = await makeTeam(t.db);
    const { ctx, run } = await runIn(team);
    await expect(
      createRun(ctx, {
        teamId: team.teamId,
        experimentId: run.experimentId,
        runName: 'a',
        tags: [{ key: 'mlflow.runName', value: 'b' }],
      }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'runName' });
  });

  it('logs params, tags and metrics in one audited event, with NaN and ±Infinity kept as logged', async () => {
    const team = await makeTeam(t.db);
    const { ctx, run, ref } = await runIn(team);
    await logRunData(
      ctx,
      batch({
        ...ref,
        params: [
          { key: 'lr', value: '0.01' },
          { key: 'optimizer', value: 'adam' },
        ],
        tags: [
          { key: 'stage', value: 'dev' },
          { key: 'stage', value: 'prod' },
          { key: 'mlflow.user', value: 'bob' },
        ],
        metrics: [
          { key: 'loss', value: Number.NaN, step: 0, timestamp: 10 },
          { key: 'loss', value: 0.5, step: 1, timestamp: 11 },
          { key: 'up', value: Number.POSITIVE_INFINITY, step: 0, timestamp: 10 },
          { key: 'down', value: Number.NEGATIVE_INFINITY, step: 0, timestamp: 10 },
          { key: 'tiny', value: 1e-300, step: 0, timestamp: 10 },
          { key: 'third', value: 0.1 + 0.2, step: 0, timestamp: 10 },
        ],
      }),
    );
    const detail = await getRun(ctx, ref);
    expect(detail.params).toEqual([
      { key: 'lr', value: '0.01' },
      { key: 'optimizer', value: 'adam' },
    ]);
    expect(detail.tags).toContainEqual({ key: 'stage', value: 'prod' });
    expect(detail.userName).toBe('bob');
    expect(detail.metrics).toEqual([
      { key: 'down', value: Number.NEGATIVE_INFINITY, step: 0, timestamp: 10 },
      { key: 'loss', value: 0.5, step: 1, timestamp: 11 },
      { key: 'third', value: 0.1 + 0.2, step: 0, timestamp: 10 },
      { key: 'tiny', value: 1e-300, step: 0, timestamp: 10 },
      { key: 'up', value: Number.POSITIVE_INFINITY, step: 0, timestamp: 10 },
    ]);
    const nan = await t.db.metricPoint.findFirst({ where: { runId: run.id, key: 'loss', step: 0 } });
    expect(nan?.value).toBeNaN();
    const audits = await t.db.auditEvent.findMany({ where: { resourceId: run.id, action: 'run.logBatch' } });
    expect(audits).toHaveLength(1);
    expect(audits[0]?.after).toEqual({ metricCount: 6, pointsInserted: 6, paramCount: 2, tagCount: 2 });
  });

  it('keeps -0 as logged, as the latest value and as a point', async () => {
    const team = await makeTeam(t.db);
    const { ctx, run, ref } = await runIn(team);
    await logRunData(ctx, batch({ ...ref, metrics: [{ key: 'z', value: -0, step: 0, timestamp: 1 }] }));
    expect(Object.is((await getRun(ctx, ref)).metrics[0]?.value, -0)).toBe(true);
    const point = await t.db.metricPoint.findFirst({ where: { runId: run.id, key: 'z' } });
    expect(Object.is(point?.value, -0)).toBe(true);
  });

  it('stores a point logged twice once, so a retried batch is harmless', async () => {
    const team = await makeTeam(t.db);
    const { ctx, run, ref } = await runIn(team);
    const metrics = [
      { key: 'acc', value: 0.9, step: 1, timestamp: 5 },
      { key: 'acc', value: 0.9, step: 1, timestamp: 5 },
      { key: 'acc', value: Number.NaN, step: 2, timestamp: 5 },
    ];
    await logRunData(ctx, batch({ ...ref, metrics, params: [{ key: 'p', value: 'x' }] }));
    await logRunData(ctx, batch({ ...ref, metrics, params: [{ key: 'p', value: 'x' }] }));
    expect(await counts(run.id)).toMatchObject({ points: 2, params: 1, latest: 1 });
  });

  it("moves a metric's latest value in MLflow's order: step, then timestamp, then value", async () => {
    const team = await makeTeam(t.db);
    const { ctx, run, ref } = await runIn(team);
    const latest = async () => (await getRun(ctx, ref)).metrics.find((m) => m.key === 'm');
    const log = (value: number, step: number, timestamp: number) =>
      logRunData(ctx, batch({ ...ref, metrics: [{ key: 'm', value, step, timestamp }] }));
    await log(1, 5, 100);
    await log(9, 3, 999); // an earlier step, however late, does not win
    expect(await latest()).toMatchObject({ value: 1, step: 5, timestamp: 100 });
    await log(2, 5, 101); // same step, later timestamp wins
    expect(await latest()).toMatchObject({ value: 2, step: 5, timestamp: 101 });
    await log(0, 5, 101); // same step and timestamp, a smaller value does not
    await log(3, 5, 101); // a greater one does
    expect(await latest()).toMatchObject({ value: 3, step: 5, timestamp: 101 });
    // Within one batch too.
    await logRunData(
      ctx,
      batch({
        ...ref,
        metrics: [
          { key: 'm', value: 7, step: 8, timestamp: 1 },
          { key: 'm', value: 6, step: 9, timestamp: 1 },
          { key: 'm', value: 5, step: 7, timestamp: 1 },
        ],
      }),
    );
    expect(await latest()).toMatchObject({ value: 6, step: 9 });
    expect(await t.db.metricPoint.count({ where: { runId: run.id } })).toBe(8);
  });

  it('refuses to change a logged param, naming it, and writes nothing of that batch', async () => {
    const team = await makeTeam(t.db);
    const { ctx, run, ref } = await runIn(team);
    await logRunData(ctx, batch({ ...ref, params: [{ key: 'k', value: 'a' }] }));
    const before = await counts(run.id);
    const error = await logRunData(
      ctx,
      batch({
        ...ref,
        params: [
          { key: 'other', value: '1' },
          { key: 'k', value: 'b' },
        ],
        tags: [{ key: 't', value: 'v' }],
        metrics: [{ key: 'm', value: 1, step: 0, timestamp: 0 }],
      }),
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'params',
      message: `Changing param values is not allowed. Param with key='k' was already logged with value='a' for run ID='${run.id.replaceAll('-', '')}'. Attempted logging new value 'b'.`,
    });
    expect(await counts(run.id)).toEqual(before);
  });

  it('rejects a batch over any MLflow limit whole, writing nothing', async () => {
    const team = await makeTeam(t.db);
    const { ctx, run, ref } = await runIn(team);
    const metric = (i: number) => ({ key: `m${i % 10}`, value: i, step: i, timestamp: i });
    const param = (i: number) => ({ key: `p${i}`, value: 'v' });
    const tag = (i: number) => ({ key: `t${i}`, value: 'v' });
    const range = <T>(n: number, f: (i: number) => T) => Array.from({ length: n }, (_, i) => f(i));
    const cases: Array<[string, Parameters<typeof logRunData>[1], RegExp]> = [
      ['1001 metrics', batch({ ...ref, metrics: range(1001, metric) }), /at most 1000 metrics. Got 1001/],
      ['101 params', batch({ ...ref, params: range(101, param) }), /at most 100 params. Got 101/],
      ['101 tags', batch({ ...ref, tags: range(101, tag) }), /at most 100 tags. Got 101/],
      [
        '1001 items',
        batch({ ...ref, metrics: range(901, metric), params: range(100, param) }),
        /at most 1000 metrics, params, and tags. Got 1001/,
      ],
      [
        'param value of 6001',
        batch({ ...ref, metrics: [metric(1)], params: [{ key: 'p', value: 'x'.repeat(6001) }] }),
        /Param value .* had length 6001, which exceeded length limit of 6000/,
      ],
      [
        'tag value of 8001',
        batch({ ...ref, metrics: [metric(1)], tags: [{ key: 't', value: 'x'.repeat(8001) }] }),
        /Tag value .* had length 8001, which exceeded length limit of 8000/,
      ],
      [
        'key of 251',
        batch({ ...ref, metrics: [{ ...metric(1), key: 'k'.repeat(251) }] }),
        /Metric name .* had length 251/,
      ],
      [
        'bad key',
        batch({ ...ref, metrics: [metric(1), { ...metric(2), key: 'a$b' }] }),
        /Invalid metric name: 'a\$b'/,
      ],
      [
        'duplicate param keys',
        batch({
          ...ref,
          params: [
            { key: 'p', value: '1' },
            { key: 'p', value: '1' },
          ],
        }),
        /Duplicate parameter keys have been submitted: \["p"\]/,
      ],
      [
        'over 1 MB',
        batch({
          ...ref,
          params: range(100, (i) => ({ key: `p${i}`, value: 'x'.repeat(6000) })),
          tags: range(100, (i) => ({ key: `t${i}`, value: 'x'.repeat(8000) })),
        }),
        /at most 1000000 bytes/,
      ],
    ];
    const before = await counts(run.id);
    for (const [label, input, message] of cases) {
      await expect(logRunData(ctx, input), label).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        message: expect.stringMatching(message),
      });
    }
    expect(await counts(run.id)).toEqual(before);
    expect(await t.db.auditEvent.count({ where: { resourceId: run.id, action: 'run.logBatch' } })).toBe(0);
  });

  it('lets viewers read but not write, hides other teams and other projects from tokens, and follows the token creator’s role', async () => {
    const team = await makeTeam(t.db);
    const other = await makeTeam(t.db);
    const { ctx, run, ref } = await runIn(team);
    await updateRun(ctx, { ...ref, status: 'FINISHED' });
    const write = (c: ServiceContext, runId = run.id) =>
      logRunData(
        c,
        batch({ teamId: team.teamId, runId, metrics: [{ key: 'm', value: 1, step: 0, timestamp: 0 }] }),
      );
    await expect(getRun(contextFor(t.db, team.viewer), ref)).resolves.toMatchObject({ id: run.id });
    await expect(write(contextFor(t.db, team.viewer))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(write(contextFor(t.db, other.engineer))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      logRunData(
        contextFor(t.db, other.engineer),
        batch({
          teamId: other.teamId,
          runId: run.id,
          metrics: [{ key: 'm', value: 1, step: 0, timestamp: 0 }],
        }),
      ),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(write(ctx, crypto.randomUUID())).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const otherProject = await t.db.project.create({
      data: { teamId: team.teamId, name: 'Other', slug: `other-${crypto.randomUUID()}` },
    });
    await expect(write(tokenContext(team, otherProject.id))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getRun(tokenContext(team, otherProject.id), ref)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await write(tokenContext(team, team.projectId));

    const creator = team.engineer;
    await t.db.membership.update({
      where: { teamId_userId: { teamId: team.teamId, userId: creator.id } },
      data: { role: 'VIEWER' },
    });
    await expect(write(tokenContext(team, team.projectId, creator.id))).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(getRun(tokenContext(team, team.projectId, creator.id), ref)).resolves.toMatchObject({
      id: run.id,
    });
    expect(await counts(run.id)).toMatchObject({ points: 1 });
  });

  it('deletes a tag, and says when the run has no such tag', async () => {
    const team = await makeTeam(t.db);
    const { ctx, ref } = await runIn(team, [{ key: 'x', value: '1' }]);
    await deleteRunTag(ctx, { ...ref, key: 'x' });
    expect((await getRun(ctx, ref)).tags.map((tag) => tag.key)).toEqual(['mlflow.runName']);
    await expect(deleteRunTag(ctx, { ...ref, key: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('records dataset inputs once per name and digest', async () => {
    const team = await makeTeam(t.db);
    const { ctx, ref } = await runIn(team);
    const dataset = (name: string, digest: string, context: string) => ({
      tags: [{ key: 'mlflow.data.context', value: context }],
      dataset: { name, digest, source_type: 'local', source: '{}' },
    });
    await logRunInputs(ctx, {
      ...ref,
      datasets: [dataset('train', 'd1', 'training'), dataset('eval', 'd2', 'eval')],
    });
    await logRunInputs(ctx, {
      ...ref,
      datasets: [dataset('train', 'd1', 'train-again'), dataset('train', 'd3', 'x')],
    });
    const inputs = (await getRun(ctx, ref)).datasetInputs as Array<ReturnType<typeof dataset>>;
    expect(inputs.map((i) => `${i.dataset.name}@${i.dataset.digest}`)).toEqual([
      'train@d1',
      'eval@d2',
      'train@d3',
    ]);
    expect(inputs[0]?.tags[0]?.value).toBe('train-again');
    await expect(logRunInputs(ctx, { ...ref, datasets: [{ dataset: { name: 'x' } }] })).rejects.toMatchObject(
      {
        code: 'INVALID_INPUT',
        field: 'datasets',
      },
    );
  });
});

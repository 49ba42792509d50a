import type { Actor } from '@cairn/core/actor';
import { DomainError } from '@cairn/core/errors';
import type { SearchRunsInput } from '@cairn/core/schemas/tracking';
import { createTestDatabase, type TestDatabase } from '@cairn/db/testing/test-database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceContext } from '../context';
import { contextFor, makeTeam, type TestTeam } from '../testing/fixtures';
import { createExperiment } from './create-experiment';
import { createRun } from './create-run';
import { deleteRun } from './delete-run';
import { logRunData } from './log-run-data';
import { logRunInputs } from './log-run-inputs';
import { searchRuns } from './search-runs';
import { updateRun } from './update-run';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const BASE_TIME = Date.UTC(2026, 0, 1);

interface RunSpec {
  name: string;
  startTime?: number;
  metrics?: Record<string, number>;
  params?: Record<string, string>;
  tags?: Record<string, string>;
  userName?: string;
}

async function setup(team?: TestTeam) {
  const owner = team ?? (await makeTeam(t.db));
  const ctx = contextFor(t.db, owner.engineer);
  const experiment = await createExperiment(ctx, {
    teamId: owner.teamId,
    projectId: owner.projectId,
    name: `search-${crypto.randomUUID()}`,
  });
  let clock = 0;
  const makeRun = async (spec: RunSpec) => {
    clock += 1;
    const run = await createRun(ctx, {
      teamId: owner.teamId,
      experimentId: experiment.id,
      runName: spec.name,
      startTime: spec.startTime ?? BASE_TIME + clock * 1000,
      userName: spec.userName,
      tags: Object.entries(spec.tags ?? {}).map(([key, value]) => ({ key, value })),
    });
    await logRunData(ctx, {
      teamId: owner.teamId,
      runId: run.id,
      metrics: Object.entries(spec.metrics ?? {}).map(([key, value]) => ({
        key,
        value,
        timestamp: BASE_TIME,
        step: 0,
      })),
      params: Object.entries(spec.params ?? {}).map(([key, value]) => ({ key, value })),
      tags: [],
    });
    return run;
  };
  const search = (
    input: Partial<SearchRunsInput> = {},
    as: ServiceContext = contextFor(t.db, owner.viewer),
  ) =>
    searchRuns(as, {
      teamId: owner.teamId,
      experimentIds: [experiment.id],
      runViewType: 'ACTIVE_ONLY',
      maxResults: 1000,
      ...input,
    });
  const names = async (input: Partial<SearchRunsInput> = {}) =>
    (await search(input)).runs.map((run) => run.name);
  return { team: owner, ctx, experiment, makeRun, search, names };
}

async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('searchRuns filters', () => {
  it('filters on metrics with every numeric comparator; NaN and missing metrics match only as IEEE says', async () => {
    const { makeRun, names } = await setup();
    await makeRun({ name: 'low', metrics: { acc: 0.5 } });
    await makeRun({ name: 'high', metrics: { acc: 0.9 } });
    await makeRun({ name: 'nan', metrics: { acc: Number.NaN } });
    await makeRun({ name: 'inf', metrics: { acc: Number.POSITIVE_INFINITY } });
    await makeRun({ name: 'none', metrics: { loss: 1 } });
    const sorted = async (filter: string) => (await names({ filter })).sort();
    expect(await sorted('metrics.acc > 0.5')).toEqual(['high', 'inf']);
    expect(await sorted('metrics.acc >= 0.5')).toEqual(['high', 'inf', 'low']);
    expect(await sorted('metrics.acc < 0.9')).toEqual(['low']);
    expect(await sorted('metrics.acc <= 0.9')).toEqual(['high', 'low']);
    expect(await sorted('metrics.acc = 0.9')).toEqual(['high']);
    expect(await sorted('metrics.acc != 0.9')).toEqual(['inf', 'low', 'nan']);
    expect(await sorted('metrics.acc > -1e308 AND metrics.acc < 1')).toEqual(['high', 'low']);
    expect(await sorted('metrics.missing > 0')).toEqual([]);
  });

  it('filters on params and tags with = != LIKE ILIKE, quoted keys included', async () => {
    const { makeRun, names } = await setup();
    await makeRun({
      name: 'a',
      params: { optimizer: 'Adam', 'model-type': 'cnn' },
      tags: { 'team.name': 'Vision' },
    });
    await makeRun({
      name: 'b',
      params: { optimizer: 'adamw', 'model-type': 'rnn' },
      tags: { 'team.name': 'nlp' },
    });
    await makeRun({ name: 'c', params: { optimizer: 'sgd' } });
    const sorted = async (filter: string) => (await names({ filter })).sort();
    expect(await sorted("params.optimizer = 'Adam'")).toEqual(['a']);
    expect(await sorted("params.optimizer != 'Adam'")).toEqual(['b', 'c']);
    expect(await sorted("params.optimizer LIKE 'ad%'")).toEqual(['b']);
    expect(await sorted("params.optimizer ILIKE 'ad%'")).toEqual(['a', 'b']);
    expect(await sorted("params.optimizer LIKE '_gd'")).toEqual(['c']);
    expect(await sorted('params.`model-type` = "rnn"')).toEqual(['b']);
    expect(await sorted(`tags."team.name" ILIKE '%VISION%'`)).toEqual(['a']);
    expect(await sorted("tags.`team.name` != 'nlp'")).toEqual(['a']);
    expect(await sorted("params.optimizer = 'x'' OR 1=1 --'")).toEqual([]);
    expect(await sorted("tags.mlflow.runName = 'c' AND params.optimizer = 'sgd'")).toEqual(['c']);
  });

  it('filters on attributes: name, status, user, times, artifact uri and run ids in both id forms', async () => {
    const { team, ctx, makeRun, names } = await setup();
    const first = await makeRun({ name: 'bert-base', startTime: BASE_TIME + 1000, userName: 'ada' });
    const second = await makeRun({ name: 'bert-large', startTime: BASE_TIME + 2000, userName: 'grace' });
    const third = await makeRun({ name: 'gpt', startTime: BASE_TIME + 3000 });
    await updateRun(ctx, {
      teamId: team.teamId,
      runId: second.id,
      status: 'FINISHED',
      endTime: BASE_TIME + 5000,
    });
    const sorted = async (filter: string) => (await names({ filter })).sort();
    expect(await sorted("attributes.run_name LIKE 'bert%'")).toEqual(['bert-base', 'bert-large']);
    expect(await sorted("attributes.`Run name` = 'gpt'")).toEqual(['gpt']);
    expect(await sorted("attributes.status = 'FINISHED'")).toEqual(['bert-large']);
    expect(await sorted("attributes.status != 'FINISHED'")).toEqual(['bert-base', 'gpt']);
    expect(await sorted("attributes.user_id = 'ada'")).toEqual(['bert-base']);
    expect(await sorted(`attributes.start_time > ${BASE_TIME + 1000}`)).toEqual(['bert-large', 'gpt']);
    expect(await sorted(`attributes.created <= ${BASE_TIME + 2000}`)).toEqual(['bert-base', 'bert-large']);
    expect(await sorted(`attributes.start_time >= ${BASE_TIME + 1000.5}`)).toEqual(['bert-large', 'gpt']);
    expect(await sorted(`attributes.end_time = ${BASE_TIME + 5000}`)).toEqual(['bert-large']);
    expect(await sorted(`attributes.end_time > 0`)).toEqual(['bert-large']);
    const hex = first.id.replaceAll('-', '');
    expect(await sorted(`attributes.run_id = '${hex}'`)).toEqual(['bert-base']);
    expect(await sorted(`attributes.run_id = '${first.id}'`)).toEqual(['bert-base']);
    expect(await sorted(`attributes.run_id IN ('${hex}', '${third.id}', 'not-an-id')`)).toEqual([
      'bert-base',
      'gpt',
    ]);
    expect(await sorted(`attributes.run_id NOT IN ('${hex}')`)).toEqual(['bert-large', 'gpt']);
    expect(await sorted("attributes.run_id = 'nope'")).toEqual([]);
    expect(await sorted(`attributes.run_id LIKE '${hex.slice(0, 30)}%'`)).toEqual(['bert-base']);
    expect(await sorted(`attributes.artifact_uri LIKE '%${hex}%'`)).toEqual(['bert-base']);
  });

  it('filters on dataset name, digest and context', async () => {
    const { team, ctx, makeRun, names } = await setup();
    const withData = await makeRun({ name: 'with-data' });
    await makeRun({ name: 'without' });
    await logRunInputs(ctx, {
      teamId: team.teamId,
      runId: withData.id,
      datasets: [
        {
          tags: [{ key: 'mlflow.data.context', value: 'training' }],
          dataset: { name: 'imagenet', digest: 'd1', source_type: 'local', source: '{}' },
        },
      ],
    });
    const sorted = async (filter: string) => (await names({ filter })).sort();
    expect(await sorted("datasets.name = 'imagenet'")).toEqual(['with-data']);
    expect(await sorted("datasets.digest IN ('d0', 'd1')")).toEqual(['with-data']);
    expect(await sorted("datasets.context = 'training'")).toEqual(['with-data']);
    expect(await sorted("datasets.context = 'eval'")).toEqual([]);
    expect(await sorted("datasets.name LIKE 'image%' AND attributes.run_name = 'with-data'")).toEqual([
      'with-data',
    ]);
  });

  it('rejects a malformed filter, order_by or page token with INVALID_INPUT naming the field', async () => {
    const { search } = await setup();
    const filterError = await rejection(search({ filter: 'metrics.acc > 1 OR metrics.acc < 0' }));
    expect(filterError).toMatchObject({ code: 'INVALID_INPUT', field: 'filter' });
    expect(filterError.message).toMatch(/Invalid clause\(s\) in filter string/);
    expect(await rejection(search({ orderBy: ['metrics.acc sideways'] }))).toMatchObject({
      field: 'orderBy',
    });
    for (const pageToken of ['garbage', Buffer.from('{"terms":[]}').toString('base64url'), '']) {
      if (pageToken === '') continue;
      expect(await rejection(search({ pageToken }))).toMatchObject({
        code: 'INVALID_INPUT',
        field: 'pageToken',
      });
    }
  });
});

describe('searchRuns ordering and pages', () => {
  it('orders by start time descending by default, then by id', async () => {
    const { makeRun, names } = await setup();
    await makeRun({ name: 'old', startTime: BASE_TIME });
    await makeRun({ name: 'new', startTime: BASE_TIME + 10 });
    await makeRun({ name: 'mid', startTime: BASE_TIME + 5 });
    expect(await names()).toEqual(['new', 'mid', 'old']);
    expect(await names({ orderBy: ['attributes.start_time ASC'] })).toEqual(['old', 'mid', 'new']);
  });

  it('orders by a metric ascending and descending with NaN and missing values last', async () => {
    const { makeRun, names } = await setup();
    await makeRun({ name: 'two', metrics: { rmse: 2 } });
    await makeRun({ name: 'missing', metrics: { other: 1 } });
    await makeRun({ name: 'nan', metrics: { rmse: Number.NaN } });
    await makeRun({ name: 'one', metrics: { rmse: 1 } });
    await makeRun({ name: 'minus-inf', metrics: { rmse: Number.NEGATIVE_INFINITY } });
    expect(await names({ orderBy: ['metrics.rmse ASC'] })).toEqual([
      'minus-inf',
      'one',
      'two',
      'nan',
      'missing',
    ]);
    expect(await names({ orderBy: ['metrics.rmse DESC'] })).toEqual([
      'two',
      'one',
      'minus-inf',
      'nan',
      'missing',
    ]);
  });

  it('orders by params, tags and text attributes bytewise, missing last', async () => {
    const { makeRun, names } = await setup();
    await makeRun({ name: 'b', params: { lr: 'B' }, tags: { 'x y': '2' } });
    await makeRun({ name: 'a', params: { lr: 'a' } });
    await makeRun({ name: 'c', params: { lr: 'A' }, tags: { 'x y': '1' } });
    expect(await names({ orderBy: ['params.lr'] })).toEqual(['c', 'b', 'a']);
    expect(await names({ orderBy: ['params.lr DESC'] })).toEqual(['a', 'b', 'c']);
    expect(await names({ orderBy: ['tags.`x y` desc'] })).toEqual(['b', 'c', 'a']);
    expect(await names({ orderBy: ['attributes.run_name ASC'] })).toEqual(['a', 'b', 'c']);
  });

  it('pages through more than two pages with no duplicates or gaps, whatever the order', async () => {
    const { makeRun, search } = await setup();
    for (let i = 0; i < 23; i++) {
      const metrics: Record<string, number> = {};
      if (i % 5 !== 0) metrics.loss = i % 3; // ties, and some runs without the key
      if (i % 7 === 0) metrics.loss = Number.NaN;
      await makeRun({
        name: `run-${i}`,
        startTime: BASE_TIME + (i % 4) * 1000, // ties on start time too
        metrics,
        params: i % 6 === 0 ? {} : { depth: String(i % 4) },
      });
    }
    for (const orderBy of [
      undefined,
      ['metrics.loss ASC'],
      ['metrics.loss DESC', 'params.depth ASC'],
      ['params.depth DESC', 'attributes.end_time'],
      ['attributes.run_name DESC'],
    ]) {
      const all = (await search({ orderBy })).runs.map((run) => run.id);
      expect(all).toHaveLength(23);
      const paged: string[] = [];
      let pageToken: string | undefined;
      let pages = 0;
      do {
        const page = await search({ orderBy, maxResults: 5, pageToken });
        paged.push(...page.runs.map((run) => run.id));
        pageToken = page.nextPageToken;
        pages += 1;
      } while (pageToken);
      expect(pages).toBe(5);
      expect(paged).toEqual(all);
    }
  });

  it('returns each run with its params, tags and latest metrics', async () => {
    const { makeRun, search } = await setup();
    const run = await makeRun({
      name: 'full',
      metrics: { acc: 0.7, loss: Number.NaN },
      params: { lr: '0.1' },
    });
    await makeRun({ name: 'other', params: { lr: '0.2' } });
    const { runs, nextPageToken } = await search({ filter: "params.lr = '0.1'" });
    expect(nextPageToken).toBeUndefined();
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ id: run.id, name: 'full', lifecycleStage: 'active', status: 'RUNNING' });
    expect(runs[0]?.params).toEqual([{ key: 'lr', value: '0.1' }]);
    expect(runs[0]?.tags).toContainEqual({ key: 'mlflow.runName', value: 'full' });
    expect(runs[0]?.metrics.map((metric) => metric.key)).toEqual(['acc', 'loss']);
    expect(runs[0]?.metrics[0]).toEqual({ key: 'acc', value: 0.7, step: 0, timestamp: BASE_TIME });
    expect(runs[0]?.metrics[1]?.value).toBeNaN();
  });
  it('returns latest metrics exactly, NaN and ±Infinity included, and params and tags of any text', async () => {
    const { team, ctx, makeRun, search } = await setup();
    const run = await makeRun({
      name: 'edges',
      params: { text: 'a "quoted", \\ back\nslashed {"json": [1]} é 中 😀', empty: '', 'with space': ' x ' },
      tags: { note: 'two\nlines\t and a tab' },
    });
    const metrics: Array<[string, number, number, number]> = [
      ['nan', Number.NaN, 0, BASE_TIME],
      ['inf', Number.POSITIVE_INFINITY, 1, BASE_TIME],
      ['ninf', Number.NEGATIVE_INFINITY, -3, BASE_TIME],
      ['zero', 0, 2 ** 52, 0],
      ['tiny', 5e-324, 7, 4102444800000],
      ['huge', -Number.MAX_VALUE, 7, BASE_TIME],
      ['val loss/epoch', 0.1 + 0.2, 12, BASE_TIME + 1],
    ];
    await logRunData(ctx, {
      teamId: team.teamId,
      runId: run.id,
      metrics: metrics.map(([key, value, step, timestamp]) => ({ key, value, step, timestamp })),
      params: [],
      tags: [],
    });
    const bare = await makeRun({ name: 'bare' });

    const { runs } = await search({ filter: "attributes.run_name = 'edges'" });
    expect(runs[0]?.metrics).toEqual(
      metrics
        .map(([key, value, step, timestamp]) => ({ key, value, step, timestamp }))
        .sort((a, b) => (a.key < b.key ? -1 : 1)),
    );
    expect(runs[0]?.params).toEqual([
      { key: 'empty', value: '' },
      { key: 'text', value: 'a "quoted", \\ back\nslashed {"json": [1]} é 中 😀' },
      { key: 'with space', value: ' x ' },
    ]);
    expect(runs[0]?.tags).toContainEqual({ key: 'note', value: 'two\nlines\t and a tab' });
    const [bareRun] = (await search({ filter: "attributes.run_name = 'bare'" })).runs;
    expect(bareRun).toMatchObject({ id: bare.id, params: [], metrics: [] });
  });

  it('returns a large page, its metrics loaded in halves, each run with its own children', async () => {
    const { team, experiment, search } = await setup();
    const runs = Array.from({ length: 300 }, (_, i) => ({
      id: crypto.randomUUID(),
      teamId: team.teamId,
      projectId: team.projectId,
      experimentId: experiment.id,
      name: `bulk-${i}`,
      startTime: new Date(BASE_TIME + i * 1000),
    }));
    await t.db.run.createMany({ data: runs });
    await t.db.runLatestMetric.createMany({
      data: runs.flatMap((run, i) => [
        { runId: run.id, key: 'loss', value: i / 7, step: i, timestamp: BASE_TIME + i },
        { runId: run.id, key: 'acc', value: 1 - i / 1000, step: 0, timestamp: BASE_TIME },
      ]),
    });
    await t.db.runParam.createMany({
      data: runs.map((run, i) => ({ runId: run.id, key: 'i', value: String(i) })),
    });

    const page = await search({ orderBy: ['metrics.loss DESC'] });
    expect(page.runs).toHaveLength(300);
    page.runs.forEach((found, rank) => {
      const i = 299 - rank;
      expect(found.name).toBe(`bulk-${i}`);
      expect(found.params).toEqual([{ key: 'i', value: String(i) }]);
      expect(found.metrics).toEqual([
        { key: 'acc', value: 1 - i / 1000, step: 0, timestamp: BASE_TIME },
        { key: 'loss', value: i / 7, step: i, timestamp: BASE_TIME + i },
      ]);
    });
  });
});

describe('searchRuns scope', () => {
  it('lists deleted runs only in the view types that include them', async () => {
    const { team, ctx, makeRun, names } = await setup();
    await makeRun({ name: 'kept' });
    const gone = await makeRun({ name: 'gone' });
    await deleteRun(ctx, { teamId: team.teamId, runId: gone.id });
    expect(await names()).toEqual(['kept']);
    expect(await names({ runViewType: 'DELETED_ONLY' })).toEqual(['gone']);
    expect((await names({ runViewType: 'ALL' })).sort()).toEqual(['gone', 'kept']);
  });

  it('searches several experiments of one project together', async () => {
    const first = await setup();
    const second = await setup(first.team);
    await first.makeRun({ name: 'in-first' });
    await second.makeRun({ name: 'in-second' });
    const names = (
      await first.search({ experimentIds: [first.experiment.id, second.experiment.id] })
    ).runs.map((run) => run.name);
    expect(names.sort()).toEqual(['in-first', 'in-second']);
  });

  it('treats an experiment of another team or project as not found', async () => {
    const mine = await setup();
    const theirs = await setup();
    await theirs.makeRun({ name: 'secret' });
    expect(await rejection(mine.search({ experimentIds: [theirs.experiment.id] }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(
      await rejection(mine.search({ experimentIds: [mine.experiment.id, theirs.experiment.id] })),
    ).toMatchObject({ code: 'NOT_FOUND' });
    // A token of another project of the same team sees nothing here either.
    const otherProject = await t.db.project.create({
      data: { teamId: mine.team.teamId, name: 'Other', slug: `other-${crypto.randomUUID()}` },
    });
    const actor: Actor = {
      kind: 'apiToken',
      tokenId: crypto.randomUUID(),
      userId: mine.team.engineer.id,
      label: 'token',
      teamId: mine.team.teamId,
      projectId: otherProject.id,
    };
    const tokenCtx: ServiceContext = { ...contextFor(t.db, mine.team.engineer), actor };
    expect(await rejection(mine.search({}, tokenCtx))).toMatchObject({ code: 'NOT_FOUND' });
  });
});

import { createTestDatabase, type TestDatabase } from '@cairn/db/testing/test-database';
import { makeTeam, type TestTeam } from '@cairn/services/testing/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MlflowCaller, makeToken, mlflowCaller } from './testing/mlflow-test-kit';

let t: TestDatabase;
let team: TestTeam;
let call: MlflowCaller;
let otherProjectCall: MlflowCaller;

beforeAll(async () => {
  t = await createTestDatabase();
  team = await makeTeam(t.db);
  call = mlflowCaller(t.db, await makeToken(t.db, team.engineer, team));
  const other = await makeTeam(t.db);
  otherProjectCall = mlflowCaller(t.db, await makeToken(t.db, other.engineer, other));
});
afterAll(async () => {
  await t.drop();
});

const HEX32 = /^[0-9a-f]{32}$/;
let n = 0;
const uniqueName = (prefix = 'exp') => `${prefix}-${Date.now()}-${n++}`;

async function createExperiment(name = uniqueName(), extra: Record<string, unknown> = {}) {
  const reply = await call('POST', 'experiments/create', { name, ...extra });
  expect(reply.status).toBe(200);
  return reply.body.experiment_id as string;
}

describe('experiments/create, get, get-by-name', () => {
  it('creates an experiment and reads it back in MLflow’s shape', async () => {
    const name = uniqueName();
    const reply = await call('POST', 'experiments/create', {
      name,
      tags: [{ key: 'team', value: 'vision' }],
    });
    expect(reply).toEqual({ status: 200, body: { experiment_id: expect.stringMatching(HEX32) } });
    const id = reply.body.experiment_id;

    const got = await call('GET', 'experiments/get', { experiment_id: id });
    expect(got.status).toBe(200);
    expect(got.body).toEqual({
      experiment: {
        experiment_id: id,
        name,
        artifact_location: expect.any(String),
        lifecycle_stage: 'active',
        creation_time: expect.any(Number),
        last_update_time: expect.any(Number),
        tags: [{ key: 'team', value: 'vision' }],
      },
    });

    const byName = await call('GET', 'experiments/get-by-name', { experiment_name: name });
    expect(byName.body.experiment).toEqual(got.body.experiment);
  });

  it('answers RESOURCE_ALREADY_EXISTS (400) for a taken name', async () => {
    const name = uniqueName();
    await createExperiment(name);
    const again = await call('POST', 'experiments/create', { name });
    expect(again.status).toBe(400);
    expect(again.body).toEqual({ error_code: 'RESOURCE_ALREADY_EXISTS', message: expect.any(String) });
  });

  it('answers RESOURCE_DOES_NOT_EXIST (404) for an unknown name or id', async () => {
    const byName = await call('GET', 'experiments/get-by-name', { experiment_name: uniqueName('missing') });
    expect(byName.status).toBe(404);
    expect(byName.body.error_code).toBe('RESOURCE_DOES_NOT_EXIST');
    for (const id of ['12345', '0193f0a27c1e7a419c2b3d4e5f607182']) {
      const byId = await call('GET', 'experiments/get', { experiment_id: id });
      expect(byId.status).toBe(404);
      expect(byId.body.error_code).toBe('RESOURCE_DOES_NOT_EXIST');
    }
  });

  it('requires a name: INVALID_PARAMETER_VALUE naming the parameter', async () => {
    const reply = await call('POST', 'experiments/create', {});
    expect(reply.status).toBe(400);
    expect(reply.body.error_code).toBe('INVALID_PARAMETER_VALUE');
    expect(reply.body.message).toContain("'name'");
  });

  it('maps experiment "0" to the project’s Default experiment', async () => {
    const first = await call('GET', 'experiments/get', { experiment_id: '0' });
    expect(first.status).toBe(200);
    expect(first.body.experiment).toMatchObject({ name: 'Default', lifecycle_stage: 'active' });
    const again = await call('GET', 'experiments/get', { experiment_id: '0' });
    expect(again.body.experiment.experiment_id).toBe(first.body.experiment.experiment_id);
  });

  it('accepts the hyphenated uuid form of an id', async () => {
    const id = await createExperiment();
    const hyphenated = `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`;
    const got = await call('GET', 'experiments/get', { experiment_id: hyphenated });
    expect(got.body.experiment.experiment_id).toBe(id);
  });

  it('hides another project’s experiments from a token: RESOURCE_DOES_NOT_EXIST', async () => {
    const name = uniqueName();
    const id = await createExperiment(name);
    const got = await otherProjectCall('GET', 'experiments/get', { experiment_id: id });
    expect(got.status).toBe(404);
    expect(got.body.error_code).toBe('RESOURCE_DOES_NOT_EXIST');
    const byName = await otherProjectCall('GET', 'experiments/get-by-name', { experiment_name: name });
    expect(byName.status).toBe(404);
    const rename = await otherProjectCall('POST', 'experiments/update', {
      experiment_id: id,
      new_name: 'stolen',
    });
    expect(rename.status).toBe(404);
    expect((await call('GET', 'experiments/get', { experiment_id: id })).body.experiment.name).toBe(name);
  });
});

describe('experiments/update, delete, restore, set-experiment-tag', () => {
  it('renames, tags, deletes and restores', async () => {
    const id = await createExperiment();
    const newName = uniqueName('renamed');
    expect(await call('POST', 'experiments/update', { experiment_id: id, new_name: newName })).toEqual({
      status: 200,
      body: {},
    });
    expect(
      await call('POST', 'experiments/set-experiment-tag', { experiment_id: id, key: 'stage', value: 'dev' }),
    ).toEqual({ status: 200, body: {} });
    let got = await call('GET', 'experiments/get', { experiment_id: id });
    expect(got.body.experiment).toMatchObject({ name: newName, tags: [{ key: 'stage', value: 'dev' }] });

    expect(await call('POST', 'experiments/delete', { experiment_id: id })).toEqual({
      status: 200,
      body: {},
    });
    got = await call('GET', 'experiments/get', { experiment_id: id });
    expect(got.body.experiment.lifecycle_stage).toBe('deleted');

    expect(await call('POST', 'experiments/restore', { experiment_id: id })).toEqual({
      status: 200,
      body: {},
    });
    got = await call('GET', 'experiments/get', { experiment_id: id });
    expect(got.body.experiment.lifecycle_stage).toBe('active');
  });

  it('refuses writes through GET', async () => {
    const reply = await call('GET', 'experiments/delete', { experiment_id: '0' });
    expect(reply.status).toBe(404);
    expect(reply.body.error_code).toBe('ENDPOINT_NOT_FOUND');
  });
});

describe('experiments/search', () => {
  it('filters by name, orders, pages with next_page_token, over POST and GET', async () => {
    const prefix = uniqueName('search');
    const ids = [];
    for (const suffix of ['a', 'b', 'c']) ids.push(await createExperiment(`${prefix}-${suffix}`));

    const first = await call('POST', 'experiments/search', {
      filter: `name LIKE '${prefix}-%'`,
      order_by: ['name ASC'],
      max_results: 2,
    });
    expect(first.status).toBe(200);
    expect(first.body.experiments.map((e: { name: string }) => e.name)).toEqual([
      `${prefix}-a`,
      `${prefix}-b`,
    ]);
    expect(first.body.next_page_token).toEqual(expect.any(String));

    const second = await call('GET', 'experiments/search', {
      filter: `name LIKE '${prefix}-%'`,
      order_by: 'name ASC',
      max_results: 2,
      page_token: first.body.next_page_token,
    });
    expect(second.status).toBe(200);
    expect(second.body.experiments.map((e: { experiment_id: string }) => e.experiment_id)).toEqual([ids[2]]);
    expect(second.body.next_page_token).toBeUndefined();
  });

  it('separates active and deleted experiments by view_type', async () => {
    const prefix = uniqueName('view');
    const kept = await createExperiment(`${prefix}-kept`);
    const gone = await createExperiment(`${prefix}-gone`);
    await call('POST', 'experiments/delete', { experiment_id: gone });
    const idsOf = async (view_type: string) =>
      (
        (await call('POST', 'experiments/search', { filter: `name LIKE '${prefix}%'`, view_type })).body
          .experiments ?? []
      ).map((e: { experiment_id: string }) => e.experiment_id);
    expect(await idsOf('ACTIVE_ONLY')).toEqual([kept]);
    expect(await idsOf('DELETED_ONLY')).toEqual([gone]);
    expect((await idsOf('ALL')).sort()).toEqual([kept, gone].sort());
  });

  it('answers INVALID_PARAMETER_VALUE for a malformed filter', async () => {
    const reply = await call('POST', 'experiments/search', { filter: "name LIKE 'x" });
    expect(reply.status).toBe(400);
    expect(reply.body.error_code).toBe('INVALID_PARAMETER_VALUE');
  });
});

import { createTestDatabase, type TestDatabase } from '@cairn/db/testing/test-database';
import { makeTeam, type TestTeam } from '@cairn/services/testing/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MlflowCaller, makeToken, mlflowCaller } from './testing/mlflow-test-kit';

let t: TestDatabase;
let team: TestTeam;
let call: MlflowCaller;
let otherProjectCall: MlflowCaller;
let experimentId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  team = await makeTeam(t.db);
  call = mlflowCaller(t.db, await makeToken(t.db, team.engineer, team));
  const other = await makeTeam(t.db);
  otherProjectCall = mlflowCaller(t.db, await makeToken(t.db, other.engineer, other));
  const created = await call('POST', 'experiments/create', { name: 'search' });
  experimentId = created.body.experiment_id;
});
afterAll(async () => {
  await t.drop();
});

const NOW = 1_732_550_000_000;

const expectError = (
  reply: { status: number; body: { error_code: string } },
  status: number,
  code: string,
) => {
  expect({ status: reply.status, code: reply.body?.error_code }).toEqual({ status, code });
};

describe('runs/search', () => {
  it('filters on metrics, params, tags and attributes, orders and pages', async () => {
    const created = await call('POST', 'experiments/create', { name: 'search-runs' });
    const searchExperiment = created.body.experiment_id;
    const ids: string[] = [];
    for (const [i, loss] of [0.9, 0.3, 0.1, 0.5].entries()) {
      const runId = (
        await call('POST', 'runs/create', {
          experiment_id: searchExperiment,
          run_name: `r${i}`,
          start_time: NOW + i,
        })
      ).body.run.info.run_id;
      ids.push(runId);
      await call('POST', 'runs/log-batch', {
        run_id: runId,
        metrics: [{ key: 'loss', value: loss, timestamp: NOW, step: 0 }],
        params: [{ key: 'model', value: i % 2 === 0 ? 'cnn' : 'mlp' }],
        tags: [{ key: 'group', value: 'g' }],
      });
    }
    const search = (body: Record<string, unknown>) =>
      call('POST', 'runs/search', { experiment_ids: [searchExperiment], ...body });

    const low = await search({
      filter: "metrics.loss < 0.6 and tags.group = 'g'",
      order_by: ['metrics.loss ASC'],
    });
    expect(low.status).toBe(200);
    expect(low.body.runs.map((r: { info: { run_id: string } }) => r.info.run_id)).toEqual([
      ids[2],
      ids[1],
      ids[3],
    ]);
    expect(low.body.runs[0].data.metrics).toEqual([{ key: 'loss', value: 0.1, timestamp: NOW, step: 0 }]);

    const cnn = await search({ filter: "params.model = 'cnn' and attributes.run_name = 'r2'" });
    expect(cnn.body.runs.map((r: { info: { run_id: string } }) => r.info.run_id)).toEqual([ids[2]]);

    const firstPage = await search({ max_results: 3, order_by: ['attributes.start_time DESC'] });
    expect(firstPage.body.runs).toHaveLength(3);
    const secondPage = await search({
      max_results: 3,
      order_by: ['attributes.start_time DESC'],
      page_token: firstPage.body.next_page_token,
    });
    expect(secondPage.body.runs.map((r: { info: { run_id: string } }) => r.info.run_id)).toEqual([ids[0]]);
    expect(secondPage.body.next_page_token).toBeUndefined();
  });

  it('answers INVALID_PARAMETER_VALUE for a malformed filter', async () => {
    const reply = await call('POST', 'runs/search', {
      experiment_ids: [experimentId],
      filter: 'metrics.loss <',
    });
    expectError(reply, 400, 'INVALID_PARAMETER_VALUE');
  });

  it('answers INVALID_PARAMETER_VALUE past MLflow’s 50,000 max_results', async () => {
    const reply = await call('POST', 'runs/search', { experiment_ids: [experimentId], max_results: 50_001 });
    expectError(reply, 400, 'INVALID_PARAMETER_VALUE');
    expect(reply.body.message).toContain('max_results');
  });

  it('answers RESOURCE_DOES_NOT_EXIST when an experiment is another project’s', async () => {
    const reply = await otherProjectCall('POST', 'runs/search', { experiment_ids: [experimentId] });
    expectError(reply, 404, 'RESOURCE_DOES_NOT_EXIST');
  });
});

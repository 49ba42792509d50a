import { createTestDatabase, type TestDatabase } from '@cairn/db/testing/test-database';
import { makeTeam, type TestTeam } from '@cairn/services/testing/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MlflowCaller, makeToken, mlflowCaller } from './testing/mlflow-test-kit';

let t: TestDatabase;
let team: TestTeam;
let call: MlflowCaller;
let experimentId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  team = await makeTeam(t.db);
  call = mlflowCaller(t.db, await makeToken(t.db, team.engineer, team));
  const created = await call('POST', 'experiments/create', { name: 'log-batch' });
  experimentId = created.body.experiment_id;
});
afterAll(async () => {
  await t.drop();
});

const NOW = 1_732_550_000_000;

async function createRun(body: Record<string, unknown> = {}) {
  const reply = await call('POST', 'runs/create', { experiment_id: experimentId, start_time: NOW, ...body });
  expect(reply.status).toBe(200);
  return reply.body.run.info.run_id as string;
}

const getRun = async (runId: string) => (await call('GET', 'runs/get', { run_id: runId })).body.run;

const expectError = (
  reply: { status: number; body: { error_code: string } },
  status: number,
  code: string,
) => {
  expect({ status: reply.status, code: reply.body?.error_code }).toEqual({ status, code });
};

describe('log-batch limits: the whole batch refused with INVALID_PARAMETER_VALUE, nothing written', () => {
  const metrics = (n: number) =>
    Array.from({ length: n }, (_, step) => ({ key: 'm', value: step, timestamp: NOW + step, step }));
  const kvs = (n: number, prefix: string) =>
    Array.from({ length: n }, (_, i) => ({ key: `${prefix}${i}`, value: 'v' }));

  const cases: Array<[string, Record<string, unknown>]> = [
    ['1,001 metrics', { metrics: metrics(1_001) }],
    ['101 params', { params: kvs(101, 'p') }],
    ['101 tags', { tags: kvs(101, 't') }],
    ['1,001 items in all', { metrics: metrics(901), params: kvs(100, 'p') }],
  ];
  for (const [label, batch] of cases) {
    it(label, async () => {
      const runId = await createRun();
      const reply = await call('POST', 'runs/log-batch', { run_id: runId, ...batch });
      expectError(reply, 400, 'INVALID_PARAMETER_VALUE');
      const run = await getRun(runId);
      expect(run.data.metrics).toBeUndefined();
      expect(run.data.params).toBeUndefined();
      expect(run.data.tags.map((tag: { key: string }) => tag.key)).toEqual(['mlflow.runName']);
    });
  }

  it('a body over 1 MB, before it is parsed', async () => {
    const runId = await createRun();
    const params = [{ key: 'p', value: 'x'.repeat(1_000_001) }];
    const reply = await call('POST', 'runs/log-batch', { run_id: runId, params });
    expectError(reply, 400, 'INVALID_PARAMETER_VALUE');
    expect(reply.body.message).toMatch(/at most 1000000 bytes/);
    expect((await getRun(runId)).data.params).toBeUndefined();
  });

  it('accepts a batch exactly at the limits: 1,000 metrics', async () => {
    const runId = await createRun();
    expect((await call('POST', 'runs/log-batch', { run_id: runId, metrics: metrics(1_000) })).status).toBe(
      200,
    );
    const history = await call('GET', 'metrics/get-history', { run_id: runId, metric_key: 'm' });
    expect(history.body.metrics).toHaveLength(1_000);
  });

  it('audits one event per log-batch request, however many points', async () => {
    const runId = await createRun();
    const count = () => t.db.auditEvent.count({ where: { teamId: team.teamId, action: { contains: 'og' } } });
    const before = await count();
    await call('POST', 'runs/log-batch', { run_id: runId, metrics: metrics(500), params: kvs(10, 'p') });
    expect((await count()) - before).toBe(1);
  });
});

import type { TestDatabase } from '@cairn/db/testing/test-database';
import { warmRunChartsJob } from '@cairn/services/jobs/job-contracts';
import type { JobQueue } from '@cairn/services/jobs/job-queue';
import { makeTeam, type TestTeam } from '@cairn/services/testing/fixtures';
import { openQueueTestDatabase } from '@cairn/services/testing/queue-test-database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromMlflowId } from './mlflow-values';
import { type MlflowCaller, makeToken, mlflowCaller } from './testing/mlflow-test-kit';

let t: TestDatabase;
let queue: JobQueue;
let close: () => Promise<void>;
let team: TestTeam;
let call: MlflowCaller;
let otherProjectCall: MlflowCaller;
let experimentId: string;

beforeAll(async () => {
  ({ t, queue, close } = await openQueueTestDatabase());
  team = await makeTeam(t.db);
  call = mlflowCaller(t.db, await makeToken(t.db, team.engineer, team), { queue });
  const other = await makeTeam(t.db);
  otherProjectCall = mlflowCaller(t.db, await makeToken(t.db, other.engineer, other));
  const created = await call('POST', 'experiments/create', { name: 'runs' });
  experimentId = created.body.experiment_id;
});
afterAll(() => close());

const HEX32 = /^[0-9a-f]{32}$/;
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

describe('runs/create, get, update', () => {
  it('creates a run and answers MLflow’s Run shape', async () => {
    const reply = await call('POST', 'runs/create', {
      experiment_id: experimentId,
      user_id: 'alice',
      run_name: 'baseline',
      start_time: String(NOW),
      tags: [
        { key: 'mlflow.source.name', value: 'train.py' },
        { key: 'mlflow.source.git.commit', value: 'abc123' },
      ],
    });
    expect(reply.status).toBe(200);
    const { info, data } = reply.body.run;
    expect(info).toEqual({
      run_id: expect.stringMatching(HEX32),
      run_uuid: info.run_id,
      run_name: 'baseline',
      experiment_id: experimentId,
      user_id: 'alice',
      status: 'RUNNING',
      start_time: NOW,
      artifact_uri: expect.any(String),
      lifecycle_stage: 'active',
    });
    expect(data.tags).toEqual(
      expect.arrayContaining([
        { key: 'mlflow.runName', value: 'baseline' },
        { key: 'mlflow.source.name', value: 'train.py' },
      ]),
    );
    expect(reply.body.run.inputs).toEqual({});
  });

  it('reads a run by run_id, by the older run_uuid, and by the hyphenated uuid', async () => {
    const runId = await createRun();
    const byId = await call('GET', 'runs/get', { run_id: runId });
    const byUuid = await call('GET', 'runs/get', { run_uuid: runId });
    const hyphenated = `${runId.slice(0, 8)}-${runId.slice(8, 12)}-${runId.slice(12, 16)}-${runId.slice(16, 20)}-${runId.slice(20)}`;
    const byHyphenated = await call('POST', 'runs/get', { run_id: hyphenated });
    expect(byId.status).toBe(200);
    expect(byUuid.body).toEqual(byId.body);
    expect(byHyphenated.body).toEqual(byId.body);
  });

  it('creates runs in the Default experiment when no experiment is given (MLflow’s "0")', async () => {
    const defaultExperiment = (await call('GET', 'experiments/get', { experiment_id: '0' })).body.experiment;
    for (const body of [{ experiment_id: '0' }, {}]) {
      const reply = await call('POST', 'runs/create', body);
      expect(reply.status).toBe(200);
      expect(reply.body.run.info.experiment_id).toBe(defaultExperiment.experiment_id);
      expect(reply.body.run.info.run_name).toEqual(expect.any(String));
    }
  });

  it('ends a run with runs/update and answers run_info; the worker is asked to chart it', async () => {
    const runId = await createRun();
    const reply = await call('POST', 'runs/update', {
      run_id: runId,
      run_uuid: runId,
      status: 'FINISHED',
      end_time: NOW + 5_000,
    });
    expect(reply.status).toBe(200);
    expect(reply.body.run_info).toMatchObject({ run_id: runId, status: 'FINISHED', end_time: NOW + 5_000 });
    const renamed = await call('POST', 'runs/update', { run_id: runId, run_name: 'renamed' });
    expect(renamed.body.run_info).toMatchObject({ run_name: 'renamed', status: 'FINISHED' });
    const jobs = await queue.findJobs(warmRunChartsJob.name, { data: { runId: fromMlflowId(runId) } });
    expect(jobs.map((job) => job.data)).toEqual([{ teamId: team.teamId, runId: fromMlflowId(runId) }]);
  });

  it('answers RESOURCE_DOES_NOT_EXIST for a missing run, whatever the id looks like', async () => {
    for (const runId of ['0193f0a27c1e7a419c2b3d4e5f607182', 'not-a-run']) {
      expectError(await call('GET', 'runs/get', { run_id: runId }), 404, 'RESOURCE_DOES_NOT_EXIST');
      expectError(
        await call('POST', 'runs/log-metric', { run_id: runId, key: 'k', value: 1, timestamp: NOW }),
        404,
        'RESOURCE_DOES_NOT_EXIST',
      );
    }
  });

  it('requires a run id: INVALID_PARAMETER_VALUE', async () => {
    const reply = await call('GET', 'runs/get', {});
    expectError(reply, 400, 'INVALID_PARAMETER_VALUE');
    expect(reply.body.message).toContain("'run_id'");
  });
});

describe('logging', () => {
  it('logs a metric, a param and a tag one by one, and deletes a tag', async () => {
    const runId = await createRun();
    const ok = { status: 200, body: {} };
    expect(
      await call('POST', 'runs/log-metric', {
        run_id: runId,
        run_uuid: runId,
        key: 'loss',
        value: 0.5,
        timestamp: NOW,
        step: 3,
      }),
    ).toEqual(ok);
    expect(await call('POST', 'runs/log-parameter', { run_id: runId, key: 'lr', value: '0.01' })).toEqual(ok);
    expect(await call('POST', 'runs/set-tag', { run_id: runId, key: 'phase', value: 'train' })).toEqual(ok);
    expect(await call('POST', 'runs/set-tag', { run_id: runId, key: 'tmp', value: 'x' })).toEqual(ok);
    expect(await call('POST', 'runs/delete-tag', { run_id: runId, key: 'tmp' })).toEqual(ok);

    const run = await getRun(runId);
    expect(run.data.metrics).toEqual([{ key: 'loss', value: 0.5, timestamp: NOW, step: 3 }]);
    expect(run.data.params).toEqual([{ key: 'lr', value: '0.01' }]);
    const tagKeys = run.data.tags.map((tag: { key: string }) => tag.key);
    expect(tagKeys).toContain('phase');
    expect(tagKeys).not.toContain('tmp');
  });

  it('keeps params immutable: the same value again is fine, another value is INVALID_PARAMETER_VALUE', async () => {
    const runId = await createRun();
    await call('POST', 'runs/log-parameter', { run_id: runId, key: 'lr', value: '0.01' });
    expect(
      (await call('POST', 'runs/log-parameter', { run_id: runId, key: 'lr', value: '0.01' })).status,
    ).toBe(200);
    const changed = await call('POST', 'runs/log-batch', {
      run_id: runId,
      params: [{ key: 'lr', value: '0.1' }],
      metrics: [{ key: 'never', value: 1, timestamp: NOW, step: 0 }],
    });
    expectError(changed, 400, 'INVALID_PARAMETER_VALUE');
    expect(changed.body.message).toContain('lr');
    const run = await getRun(runId);
    expect(run.data.params).toEqual([{ key: 'lr', value: '0.01' }]);
    expect(run.data.metrics).toBeUndefined();
  });

  it('round-trips NaN and ±Infinity as protobuf JSON strings', async () => {
    const runId = await createRun();
    const values = ['NaN', 'Infinity', '-Infinity', 1.25];
    await call('POST', 'runs/log-batch', {
      run_id: runId,
      metrics: values.map((value, step) => ({ key: 'odd', value, timestamp: NOW + step, step })),
    });
    await call('POST', 'runs/log-metric', {
      run_id: runId,
      key: 'nan',
      value: 'NaN',
      timestamp: NOW,
      step: 0,
    });
    const history = await call('GET', 'metrics/get-history', { run_id: runId, metric_key: 'odd' });
    expect(history.body.metrics.map((m: { value: unknown }) => m.value)).toEqual(values);
    const run = await getRun(runId);
    expect(run.data.metrics).toEqual(
      expect.arrayContaining([{ key: 'nan', value: 'NaN', timestamp: NOW, step: 0 }]),
    );
  });

  it('accepts log-inputs and returns the datasets on the run', async () => {
    const runId = await createRun();
    const dataset = {
      tags: [{ key: 'mlflow.data.context', value: 'training' }],
      dataset: { name: 'iris', digest: 'abc', source_type: 'local', source: '{"uri": "/data/iris.csv"}' },
    };
    expect(await call('POST', 'runs/log-inputs', { run_id: runId, datasets: [dataset] })).toEqual({
      status: 200,
      body: {},
    });
    expect((await getRun(runId)).inputs).toEqual({ dataset_inputs: [dataset] });
  });

  it('refuses writes to a deleted run until it is restored', async () => {
    const runId = await createRun();
    expect(await call('POST', 'runs/delete', { run_id: runId })).toEqual({ status: 200, body: {} });
    expect((await getRun(runId)).info.lifecycle_stage).toBe('deleted');
    expectError(
      await call('POST', 'runs/log-metric', { run_id: runId, key: 'k', value: 1, timestamp: NOW }),
      400,
      'INVALID_PARAMETER_VALUE',
    );
    expect(await call('POST', 'runs/restore', { run_id: runId })).toEqual({ status: 200, body: {} });
    expect(
      (await call('POST', 'runs/log-metric', { run_id: runId, key: 'k', value: 1, timestamp: NOW })).status,
    ).toBe(200);
  });

  it('hides a run of another project: RESOURCE_DOES_NOT_EXIST and nothing written', async () => {
    const runId = await createRun();
    await call('POST', 'runs/update', { run_id: runId, status: 'FINISHED', end_time: NOW + 1 });
    expectError(await otherProjectCall('GET', 'runs/get', { run_id: runId }), 404, 'RESOURCE_DOES_NOT_EXIST');
    expectError(
      await otherProjectCall('POST', 'runs/log-batch', {
        run_id: runId,
        metrics: [{ key: 'x', value: 1, timestamp: NOW, step: 0 }],
        params: [{ key: 'p', value: 'v' }],
      }),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    );
    const run = await getRun(runId);
    expect(run.data.metrics).toBeUndefined();
    expect(run.data.params).toBeUndefined();
  });
});

describe('metrics/get-history', () => {
  it('pages with max_results and next_page_token in (step, timestamp) order', async () => {
    const runId = await createRun();
    await call('POST', 'runs/log-batch', {
      run_id: runId,
      metrics: [4, 0, 2, 1, 3].map((step) => ({ key: 'acc', value: step / 10, timestamp: NOW + step, step })),
    });
    const steps: number[] = [];
    let page_token: string | undefined;
    let pages = 0;
    do {
      const reply = await call('GET', 'metrics/get-history', {
        run_id: runId,
        metric_key: 'acc',
        max_results: 2,
        ...(page_token ? { page_token } : {}),
      });
      expect(reply.status).toBe(200);
      for (const m of reply.body.metrics) {
        expect(m).toEqual({ key: 'acc', value: m.step / 10, timestamp: NOW + m.step, step: m.step });
        steps.push(m.step);
      }
      page_token = reply.body.next_page_token;
      pages++;
    } while (page_token);
    expect(steps).toEqual([0, 1, 2, 3, 4]);
    expect(pages).toBe(3);
  });

  it('hides another project’s history: RESOURCE_DOES_NOT_EXIST', async () => {
    const runId = await createRun();
    await call('POST', 'runs/log-metric', { run_id: runId, key: 'loss', value: 1, timestamp: NOW });
    const reply = await otherProjectCall('GET', 'metrics/get-history', { run_id: runId, metric_key: 'loss' });
    expectError(reply, 404, 'RESOURCE_DOES_NOT_EXIST');
  });

  it('returns the whole history in one reply when max_results is absent (clients before paging)', async () => {
    const runId = await createRun();
    await call('POST', 'runs/log-batch', {
      run_id: runId,
      metrics: Array.from({ length: 1_000 }, (_, step) => ({ key: 'm', value: step, timestamp: NOW, step })),
    });
    const reply = await call('GET', 'metrics/get-history', { run_id: runId, metric_key: 'm' });
    expect(reply.body.metrics).toHaveLength(1_000);
    expect(reply.body.next_page_token).toBeUndefined();
  });

  it('answers an empty object for a metric never logged', async () => {
    const runId = await createRun();
    expect(await call('GET', 'metrics/get-history', { run_id: runId, metric_key: 'none' })).toEqual({
      status: 200,
      body: {},
    });
  });
});

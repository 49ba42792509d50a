import { createTestDatabase, type TestDatabase } from '@cairn/db/testing/test-database';
import { makeTeam, type TestTeam, testRequest } from '@cairn/services/testing/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleMlflowRequest, ROUTES } from '../mlflow/handle-mlflow-request';
import { type MlflowCaller, makeToken, mlflowCaller } from '../mlflow/testing/mlflow-test-kit';
import { sampleHostileInputs } from './hostile-inputs';
import { describeInput } from './refusal-check';
import { changedCounts, countRows } from './row-counts';

const RUNS = 20;
const SEED = 20261206;

let t: TestDatabase;
let team: TestTeam;
let token: string;
let call: MlflowCaller;
let foreignIds: string[];
let samples: Record<string, Record<string, unknown>>;

beforeAll(async () => {
  t = await createTestDatabase();
  team = await makeTeam(t.db);
  token = await makeToken(t.db, team.engineer, team);
  call = mlflowCaller(t.db, token);
  const other = await makeTeam(t.db);
  const otherCall = mlflowCaller(t.db, await makeToken(t.db, other.engineer, other));
  const otherExperiment = (await otherCall('POST', 'experiments/create', { name: 'theirs' })).body
    .experiment_id;
  const otherRun = (await otherCall('POST', 'runs/create', { experiment_id: otherExperiment, start_time: 1 }))
    .body.run.info.run_id;
  foreignIds = [otherExperiment, otherRun, other.projectId];

  const experiment_id = (await call('POST', 'experiments/create', { name: 'fuzzed' })).body
    .experiment_id as string;
  const run_id = (await call('POST', 'runs/create', { experiment_id, start_time: 1_732_550_000_000 })).body
    .run.info.run_id as string;
  const now = 1_732_550_000_000;
  /** A valid request for every MLflow endpoint; a new endpoint without one fails below. */
  samples = {
    'experiments/create': { name: 'another', tags: [{ key: 'k', value: 'v' }] },
    'experiments/get': { experiment_id },
    'experiments/get-by-name': { experiment_name: 'fuzzed' },
    'experiments/search': { max_results: 10, filter: "name LIKE 'fuzz%'", order_by: ['name ASC'] },
    'experiments/update': { experiment_id, new_name: 'fuzzed' },
    'experiments/delete': { experiment_id },
    'experiments/restore': { experiment_id },
    'experiments/set-experiment-tag': { experiment_id, key: 'k', value: 'v' },
    'runs/create': { experiment_id, start_time: now, run_name: 'r', tags: [{ key: 'k', value: 'v' }] },
    'runs/get': { run_id },
    'runs/update': { run_id, status: 'RUNNING', end_time: now + 1 },
    'runs/delete': { run_id },
    'runs/restore': { run_id },
    'runs/search': { experiment_ids: [experiment_id], filter: 'metrics.loss < 1', max_results: 5 },
    'runs/log-metric': { run_id, key: 'loss', value: 0.5, timestamp: now, step: 1 },
    'runs/log-parameter': { run_id, key: 'lr', value: '0.1' },
    'runs/set-tag': { run_id, key: 'k', value: 'v' },
    'runs/delete-tag': { run_id, key: 'k' },
    'runs/log-batch': {
      run_id,
      metrics: [{ key: 'acc', value: 0.9, timestamp: now, step: 2 }],
      params: [{ key: 'batch', value: '32' }],
      tags: [{ key: 't', value: 'x' }],
    },
    'runs/log-inputs': {
      run_id,
      datasets: [{ dataset: { name: 'd', digest: 'abc', source_type: 'local', source: '{}' } }],
    },
    'metrics/get-history': { run_id, metric_key: 'loss' },
  };
});
afterAll(async () => {
  await t.drop();
});

describe('every MLflow endpoint refuses hostile input with a 4xx and writes nothing', () => {
  it('has a sample request for every endpoint', () => {
    expect(Object.keys(samples).sort()).toEqual(Object.keys(ROUTES).sort());
  });

  for (const endpoint of Object.keys(ROUTES)) {
    it(endpoint, { timeout: 60_000 }, async () => {
      const sample = samples[endpoint];
      expect(sample, `${endpoint} needs a sample request in mlflow-fuzz.int.test.ts`).toBeDefined();
      const isWrite = !ROUTES[endpoint]!.methods.includes('GET');
      const failures: string[] = [];
      for (const body of sampleHostileInputs(sample, foreignIds, RUNS, SEED)) {
        const unexpected: unknown[] = [];
        const before = isWrite ? await countRows(t.db) : null;
        const response = await handleMlflowRequest(
          new Request(`http://cairn.test/api/2.0/mlflow/${endpoint}`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify(body) ?? '',
          }),
          { db: t.db, meta: testRequest, onUnexpectedError: (error) => unexpected.push(error) },
        );
        const text = await response.text();
        if (response.status >= 500 || unexpected.length > 0) {
          failures.push(
            `${response.status} ${text.slice(0, 200)} ${String(unexpected[0])} for ${describeInput(body)}`,
          );
        } else if (before && response.status >= 400) {
          const changed = changedCounts(before, await countRows(t.db));
          if (changed.length > 0)
            failures.push(
              `refused with ${response.status} but wrote ${changed.join(', ')} for ${describeInput(body)}`,
            );
        }
      }
      expect(failures).toEqual([]);
    });
  }
});

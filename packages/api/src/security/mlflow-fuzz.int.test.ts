import { createTestDatabase, type TestDatabase } from '@cairn/db/testing/test-database';
import { makeTeam, type TestTeam, testRequest } from '@cairn/services/testing/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleMlflowRequest, ROUTES } from '../mlflow/handle-mlflow-request';
import { type MlflowCaller, makeToken, mlflowCaller } from '../mlflow/testing/mlflow-test-kit';
import { sampleHostileInputs } from './hostile-inputs';
import { mlflowSampleRequests } from './mlflow-samples';
import { describeInput } from './refusal-check';
import { changedCounts, countRows } from './row-counts';

const RUNS = 20;
const SEED = 20261206;

let t: TestDatabase;
let team: TestTeam;
let token: string;
let call: MlflowCaller;
let foreignIds: string[];
let samples: ReturnType<typeof mlflowSampleRequests>;

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

  samples = mlflowSampleRequests(call);
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
      expect(samples[endpoint], `${endpoint} needs a sample request in mlflow-samples.ts`).toBeDefined();
      const sample = await samples[endpoint]!();
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

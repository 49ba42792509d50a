import { createTestDatabase, type TestDatabase } from '@cairn/db/testing/test-database';
import { makeTeam, type TestTeam } from '@cairn/services/testing/fixtures';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type MlflowCaller, makeToken, mlflowCaller } from './testing/mlflow-test-kit';

/**
 * The exact HTTP sequence MLflow's Python client 2.x sends (fluent.py -> tracking/_tracking_service/
 * client.py -> store/tracking/rest_store.py; message_to_json bodies, GET fields as query parameters):
 *
 *   mlflow.set_experiment("x")
 *   with mlflow.start_run():
 *       mlflow.log_param("lr", 0.01)
 *       for step in range(N): mlflow.log_metric("loss", value, step=step)
 *       mlflow.set_tag("phase", "train")
 *   mlflow.search_runs()
 *   MlflowClient().get_metric_history(run_id, "loss")
 */

let t: TestDatabase;
let team: TestTeam;
let call: MlflowCaller;

beforeAll(async () => {
  t = await createTestDatabase();
  team = await makeTeam(t.db);
  call = mlflowCaller(t.db, await makeToken(t.db, team.engineer, team));
});
afterAll(async () => {
  await t.drop();
});

const POINTS = 2_000;
/** A curve with MLflow's odd values in it: the client sends NaN and the infinities as strings. */
const lossAt = (step: number): number | string =>
  step === 7 ? 'NaN' : step === 11 ? 'Infinity' : Math.round((1 / (1 + step)) * 1e6) / 1e6;

it(`replays set_experiment, a run with ${POINTS} metric points, search_runs and get_metric_history`, async () => {
  const t0 = 1_732_550_000_000;

  // set_experiment("x"): get-by-name, and on RESOURCE_DOES_NOT_EXIST create then get.
  const missing = await call('GET', 'experiments/get-by-name', { experiment_name: 'x' });
  expect(missing.status).toBe(404);
  expect(missing.body.error_code).toBe('RESOURCE_DOES_NOT_EXIST');
  const created = await call('POST', 'experiments/create', { name: 'x' });
  expect(created.status).toBe(200);
  const experimentId: string = created.body.experiment_id;
  const experiment = await call('GET', 'experiments/get', { experiment_id: experimentId });
  expect(experiment.body.experiment.lifecycle_stage).toBe('active');

  // start_run(): create_run with the context tags and user_id from mlflow.user; no run_name.
  const started = await call('POST', 'runs/create', {
    experiment_id: experimentId,
    user_id: 'alice',
    start_time: t0,
    tags: [
      { key: 'mlflow.user', value: 'alice' },
      { key: 'mlflow.source.name', value: 'train.py' },
      { key: 'mlflow.source.type', value: 'LOCAL' },
      { key: 'mlflow.source.git.commit', value: '3f2a9c1d0e' },
    ],
  });
  expect(started.status).toBe(200);
  const runId: string = started.body.run.info.run_id;
  expect(started.body.run.info).toMatchObject({ run_uuid: runId, status: 'RUNNING', user_id: 'alice' });
  expect(started.body.run.info.run_name).toEqual(expect.any(String));

  // log_param: LogParam with run_uuid and run_id both set; the value is str(value).
  const param = await call('POST', 'runs/log-parameter', {
    run_uuid: runId,
    run_id: runId,
    key: 'lr',
    value: '0.01',
  });
  expect(param).toEqual({ status: 200, body: {} });

  // log_metric x N: one LogMetric each, timestamp in ms, step as given.
  for (let step = 0; step < POINTS; step++) {
    const reply = await call('POST', 'runs/log-metric', {
      run_uuid: runId,
      run_id: runId,
      key: 'loss',
      value: lossAt(step),
      timestamp: t0 + step,
      step,
    });
    if (reply.status !== 200) throw new Error(`log-metric ${step}: ${JSON.stringify(reply.body)}`);
  }

  // set_tag
  expect(
    await call('POST', 'runs/set-tag', { run_uuid: runId, run_id: runId, key: 'phase', value: 'train' }),
  ).toEqual({
    status: 200,
    body: {},
  });

  // end of the with block: end_run -> set_terminated -> UpdateRun(status FINISHED, end_time).
  const ended = await call('POST', 'runs/update', {
    run_uuid: runId,
    run_id: runId,
    status: 'FINISHED',
    end_time: t0 + POINTS + 1,
  });
  expect(ended.body.run_info).toMatchObject({ run_id: runId, status: 'FINISHED', end_time: t0 + POINTS + 1 });

  // search_runs(): SearchRuns over the active experiment, pages of NUM_RUNS_PER_PAGE_PANDAS.
  const search = await call('POST', 'runs/search', {
    experiment_ids: [experimentId],
    filter: '',
    run_view_type: 'ACTIVE_ONLY',
    max_results: 10_000,
  });
  expect(search.status).toBe(200);
  expect(search.body.next_page_token).toBeUndefined();
  expect(search.body.runs).toHaveLength(1);
  const [run] = search.body.runs;
  expect(run.info).toMatchObject({ run_id: runId, experiment_id: experimentId, status: 'FINISHED' });
  expect(run.data.params).toEqual([{ key: 'lr', value: '0.01' }]);
  expect(run.data.metrics).toEqual([
    { key: 'loss', value: lossAt(POINTS - 1), timestamp: t0 + POINTS - 1, step: POINTS - 1 },
  ]);
  expect(run.data.tags).toEqual(
    expect.arrayContaining([
      { key: 'phase', value: 'train' },
      { key: 'mlflow.user', value: 'alice' },
      { key: 'mlflow.source.git.commit', value: '3f2a9c1d0e' },
    ]),
  );

  // MlflowClient().get_metric_history: GetMetricHistory pages of GET_METRIC_HISTORY_MAX_RESULTS.
  const history: Array<{ key: string; value: unknown; timestamp: number; step: number }> = [];
  let pageToken: string | undefined;
  do {
    const page = await call('GET', 'metrics/get-history', {
      run_uuid: runId,
      run_id: runId,
      metric_key: 'loss',
      max_results: 25_000,
      ...(pageToken ? { page_token: pageToken } : {}),
    });
    expect(page.status).toBe(200);
    history.push(...page.body.metrics);
    pageToken = page.body.next_page_token;
  } while (pageToken);
  expect(history).toHaveLength(POINTS);
  history.forEach((point, step) => {
    expect(point).toEqual({ key: 'loss', value: lossAt(step), timestamp: t0 + step, step });
  });

  // The second set_experiment("x") of a rerun finds the experiment by name.
  const found = await call('GET', 'experiments/get-by-name', { experiment_name: 'x' });
  expect(found.body.experiment.experiment_id).toBe(experimentId);
}, 180_000);

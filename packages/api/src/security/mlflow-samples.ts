import type { MlflowCaller } from '../mlflow/testing/mlflow-test-kit';

const NOW = 1_732_550_000_000;

/**
 * A valid request for every MLflow endpoint, each call making the experiment or run it needs
 * through `call` (so in its token's project). The fuzzing and the role matrix fail on an endpoint
 * without one.
 */
export function mlflowSampleRequests(
  call: MlflowCaller,
): Record<string, () => Promise<Record<string, unknown>>> {
  const experiment = async () => {
    const reply = await call('POST', 'experiments/create', { name: `fuzzed-${crypto.randomUUID()}` });
    return reply.body.experiment_id as string;
  };
  const run = async () => {
    const reply = await call('POST', 'runs/create', { experiment_id: await experiment(), start_time: NOW });
    return reply.body.run.info.run_id as string;
  };
  return {
    'experiments/create': async () => ({
      name: `another-${crypto.randomUUID()}`,
      tags: [{ key: 'k', value: 'v' }],
    }),
    'experiments/get': async () => ({ experiment_id: await experiment() }),
    'experiments/get-by-name': async () => {
      const experiment_name = `fuzzed-${crypto.randomUUID()}`;
      await call('POST', 'experiments/create', { name: experiment_name });
      return { experiment_name };
    },
    'experiments/search': async () => ({
      max_results: 10,
      filter: "name LIKE 'fuzz%'",
      order_by: ['name ASC'],
    }),
    'experiments/update': async () => ({
      experiment_id: await experiment(),
      new_name: `renamed-${crypto.randomUUID()}`,
    }),
    'experiments/delete': async () => ({ experiment_id: await experiment() }),
    'experiments/restore': async () => {
      const experiment_id = await experiment();
      await call('POST', 'experiments/delete', { experiment_id });
      return { experiment_id };
    },
    'experiments/set-experiment-tag': async () => ({
      experiment_id: await experiment(),
      key: 'k',
      value: 'v',
    }),
    'runs/create': async () => ({
      experiment_id: await experiment(),
      start_time: NOW,
      run_name: 'r',
      tags: [{ key: 'k', value: 'v' }],
    }),
    'runs/get': async () => ({ run_id: await run() }),
    'runs/update': async () => ({ run_id: await run(), status: 'RUNNING', end_time: NOW + 1 }),
    'runs/delete': async () => ({ run_id: await run() }),
    'runs/restore': async () => {
      const run_id = await run();
      await call('POST', 'runs/delete', { run_id });
      return { run_id };
    },
    'runs/search': async () => ({
      experiment_ids: [await experiment()],
      filter: 'metrics.loss < 1',
      max_results: 5,
    }),
    'runs/log-metric': async () => ({
      run_id: await run(),
      key: 'loss',
      value: 0.5,
      timestamp: NOW,
      step: 1,
    }),
    'runs/log-parameter': async () => ({ run_id: await run(), key: 'lr', value: '0.1' }),
    'runs/set-tag': async () => ({ run_id: await run(), key: 'k', value: 'v' }),
    'runs/delete-tag': async () => {
      const run_id = await run();
      await call('POST', 'runs/set-tag', { run_id, key: 'k', value: 'v' });
      return { run_id, key: 'k' };
    },
    'runs/log-batch': async () => ({
      run_id: await run(),
      metrics: [{ key: 'acc', value: 0.9, timestamp: NOW, step: 2 }],
      params: [{ key: 'batch', value: '32' }],
      tags: [{ key: 't', value: 'x' }],
    }),
    'runs/log-inputs': async () => ({
      run_id: await run(),
      datasets: [{ dataset: { name: 'd', digest: 'abc', source_type: 'local', source: '{}' } }],
    }),
    'metrics/get-history': async () => {
      const run_id = await run();
      await call('POST', 'runs/log-metric', { run_id, key: 'loss', value: 0.5, timestamp: NOW, step: 1 });
      return { run_id, metric_key: 'loss' };
    },
  };
}

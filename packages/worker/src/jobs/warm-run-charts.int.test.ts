import { createTestDatabase, type TestDatabase } from '@cairn/db/testing/test-database';
import { warmRunChartsJob } from '@cairn/services/jobs/job-contracts';
import { type JobQueue, startJobQueue } from '@cairn/services/jobs/job-queue';
import { contextFor, makeTeam } from '@cairn/services/testing/fixtures';
import { createExperiment } from '@cairn/services/tracking/create-experiment';
import { createRun } from '@cairn/services/tracking/create-run';
import { logRunData } from '@cairn/services/tracking/log-run-data';
import { updateRun } from '@cairn/services/tracking/update-run';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TeamCredentialsProvider } from '../aws/team-credentials';
import { HANDLERS } from './handlers';
import { registerHandlers } from './job-runner';

let t: TestDatabase;
let producer: JobQueue;
let worker: JobQueue;

beforeAll(async () => {
  t = await createTestDatabase();
  producer = await startJobQueue({ connectionString: t.url, role: 'producer' });
  worker = await startJobQueue({ connectionString: t.url, role: 'worker' });
  // Charting touches no AWS: the handlers that do are registered but never given a job here.
  const credentials = {} as TeamCredentialsProvider;
  await registerHandlers(
    worker,
    HANDLERS,
    { db: t.db, credentials, awsEndpoint: null, logger: pino({ level: 'silent' }) },
    { batchSize: 5, localConcurrency: 2, pollingIntervalSeconds: 0.5 },
  );
});
afterAll(async () => {
  await worker.stop({ graceful: false });
  await producer.stop({ graceful: false });
  await t.drop();
});

async function waitFor<T>(read: () => Promise<T>, isDone: (value: T) => boolean, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (isDone(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('warming run charts', () => {
  it('charts a long series in the worker once the run ends', async () => {
    const team = await makeTeam(t.db);
    const ctx = { ...contextFor(t.db, team.engineer), queue: producer };
    const experiment = await createExperiment(ctx, {
      teamId: team.teamId,
      projectId: team.projectId,
      name: `e-${crypto.randomUUID()}`,
    });
    const run = await createRun(ctx, { teamId: team.teamId, experimentId: experiment.id });
    const ref = { teamId: team.teamId, runId: run.id };
    for (let first = 0; first < 2500; first += 1000) {
      const metrics = Array.from({ length: 1000 }, (_, i) => ({
        key: 'loss',
        value: 1 / (first + i + 1),
        step: first + i,
        timestamp: first + i,
      }));
      await logRunData(ctx, { ...ref, metrics: metrics.slice(0, 2500 - first), params: [], tags: [] });
    }
    expect(await t.db.metricChartCache.count({ where: { runId: run.id } })).toBe(0);

    await updateRun(ctx, { ...ref, status: 'FINISHED' });

    const [job] = await waitFor(
      () => producer.findJobs(warmRunChartsJob.name, { data: { runId: run.id } }),
      ([found]) => found?.state === 'completed',
    );
    expect(job).toMatchObject({ state: 'completed', output: { chartedKeys: ['loss'], currentKeys: [] } });
    expect(await t.db.metricChartCache.findMany({ where: { runId: run.id } })).toMatchObject([
      { key: 'loss', pointCount: 2500 },
    ]);
  });
});

import { CHART_MAX_POINTS } from '@cairn/core/tracking/downsample';
import type { TestDatabase } from '@cairn/db/testing/test-database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { warmRunChartsJob } from '../jobs/job-contracts';
import type { JobQueue } from '../jobs/job-queue';
import { contextFor, makeTeam, type TestTeam } from '../testing/fixtures';
import { openQueueTestDatabase } from '../testing/queue-test-database';
import { createExperiment } from './create-experiment';
import { createRun } from './create-run';
import { deleteRun } from './delete-run';
import { getMetricSeries } from './get-metric-series';
import { logRunData } from './log-run-data';
import { updateRun } from './update-run';
import { warmRunCharts } from './warm-run-charts';

let t: TestDatabase;
let queue: JobQueue;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ t, queue, close } = await openQueueTestDatabase());
});
afterAll(() => close());

async function runWithSeries(team: TestTeam, lengths: Record<string, number>) {
  const ctx = contextFor(t.db, team.engineer);
  const experiment = await createExperiment(ctx, {
    teamId: team.teamId,
    projectId: team.projectId,
    name: `e-${crypto.randomUUID()}`,
  });
  const run = await createRun(ctx, { teamId: team.teamId, experimentId: experiment.id });
  const metrics = Object.entries(lengths).flatMap(([key, length]) =>
    Array.from({ length }, (_, step) => ({
      key,
      value: Math.sin(step / 40) + step / 1000,
      step,
      timestamp: step,
    })),
  );
  for (let i = 0; i < metrics.length; i += 1000) {
    await logRunData(ctx, {
      teamId: team.teamId,
      runId: run.id,
      metrics: metrics.slice(i, i + 1000),
      params: [],
      tags: [],
    });
  }
  return { ctx, runId: run.id, ref: { teamId: team.teamId, runId: run.id } };
}

const cachedCharts = (runId: string) =>
  t.db.metricChartCache.findMany({
    where: { runId },
    select: { key: true, maxPoints: true, pointCount: true, computedAt: true },
    orderBy: { key: 'asc' },
  });

const warmJobsFor = async (runId: string) => await queue.findJobs(warmRunChartsJob.name, { data: { runId } });

describe('warming a run’s charts', () => {
  it('charts the long series ahead of the first read, leaves short ones, and does nothing the second time', async () => {
    const team = await makeTeam(t.db);
    const { ref, runId } = await runWithSeries(team, { loss: 5000, accuracy: 50 });

    expect(await warmRunCharts(t.db, ref)).toEqual({ chartedKeys: ['loss'], currentKeys: [] });
    const [chart, ...others] = await cachedCharts(runId);
    expect(others).toEqual([]);
    expect(chart).toMatchObject({ key: 'loss', maxPoints: CHART_MAX_POINTS, pointCount: 5000 });

    // The read is served from the warmed chart, and it is the chart a cold read computes.
    const read = async () =>
      (await getMetricSeries(contextFor(t.db, team.viewer), { ...ref, runIds: [runId], keys: ['loss'] }))
        .series[0];
    const warmed = await read();
    expect(warmed).toMatchObject({ totalPoints: 5000, isDownsampled: true });
    expect(await cachedCharts(runId)).toEqual([chart]);
    await t.db.metricChartCache.deleteMany({ where: { runId } });
    expect(await read()).toEqual(warmed);

    const again = await cachedCharts(runId);
    expect(await warmRunCharts(t.db, ref)).toEqual({ chartedKeys: [], currentKeys: ['loss'] });
    expect(await cachedCharts(runId)).toEqual(again);
  });

  it('recharts a series that grew after its chart was kept', async () => {
    const team = await makeTeam(t.db);
    const { ctx, ref, runId } = await runWithSeries(team, { loss: 3000 });
    await warmRunCharts(t.db, ref);
    await logRunData(ctx, {
      ...ref,
      metrics: [{ key: 'loss', value: 7, step: 3000, timestamp: 3000 }],
      params: [],
      tags: [],
    });

    expect(await warmRunCharts(t.db, ref)).toEqual({ chartedKeys: ['loss'], currentKeys: [] });
    expect(await cachedCharts(runId)).toMatchObject([{ key: 'loss', pointCount: 3001 }]);
  });

  it('warms nothing for a deleted run, another team’s run or a run that does not exist', async () => {
    const team = await makeTeam(t.db);
    const other = await makeTeam(t.db);
    const { ctx, ref, runId } = await runWithSeries(team, { loss: 2500 });
    const nothing = { chartedKeys: [], currentKeys: [] };
    expect(await warmRunCharts(t.db, { teamId: other.teamId, runId })).toEqual(nothing);
    expect(await warmRunCharts(t.db, { ...ref, runId: crypto.randomUUID() })).toEqual(nothing);
    await deleteRun(ctx, ref);
    expect(await warmRunCharts(t.db, ref)).toEqual(nothing);
    expect(await cachedCharts(runId)).toEqual([]);
  });
});

describe('ending a run', () => {
  it('enqueues the warming with the status change, for each way a run ends', async () => {
    const team = await makeTeam(t.db);
    for (const status of ['FINISHED', 'FAILED', 'KILLED'] as const) {
      const { ctx, ref } = await runWithSeries(team, {});
      await updateRun({ ...ctx, queue }, { ...ref, runName: `renamed-${status}` });
      expect(await warmJobsFor(ref.runId)).toEqual([]);
      await updateRun({ ...ctx, queue }, { ...ref, status });
      expect((await warmJobsFor(ref.runId)).map((job) => job.data)).toEqual([ref]);
    }
  });

  it('leaves no job when the status change rolls back after the job was sent', async () => {
    const team = await makeTeam(t.db);
    const { ctx, ref } = await runWithSeries(team, {});
    const failsAfterSending = Object.assign(Object.create(queue), {
      send: async (...args: Parameters<JobQueue['send']>) => {
        await queue.send(...args);
        throw new Error('the request died after sending the job');
      },
    }) as JobQueue;
    await expect(
      updateRun({ ...ctx, queue: failsAfterSending }, { ...ref, status: 'FINISHED' }),
    ).rejects.toThrow('died after sending');
    expect(await warmJobsFor(ref.runId)).toEqual([]);
    expect(await t.db.run.findUniqueOrThrow({ where: { id: ref.runId } })).toMatchObject({
      status: 'RUNNING',
    });
  });

  it('still ends the run where no queue is given, leaving the chart to its first read', async () => {
    const team = await makeTeam(t.db);
    const { ctx, ref } = await runWithSeries(team, {});
    await expect(updateRun(ctx, { ...ref, status: 'FINISHED' })).resolves.toMatchObject({
      status: 'FINISHED',
    });
    expect(await warmJobsFor(ref.runId)).toEqual([]);
  });
});

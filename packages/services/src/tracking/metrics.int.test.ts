import { createTestDatabase, type TestDatabase } from '@cairn/db/testing/test-database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor, makeTeam, type TestTeam } from '../testing/fixtures';
import { compareRuns } from './compare-runs';
import { createExperiment } from './create-experiment';
import { createRun } from './create-run';
import { deleteRun } from './delete-run';
import { getMetricHistory } from './get-metric-history';
import { getMetricSeries } from './get-metric-series';
import { listMetricKeys } from './list-metric-keys';
import { logRunData } from './log-run-data';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

async function experimentWithRuns(team: TestTeam, count: number) {
  const ctx = contextFor(t.db, team.engineer);
  const experiment = await createExperiment(ctx, {
    teamId: team.teamId,
    projectId: team.projectId,
    name: `e-${crypto.randomUUID()}`,
  });
  const runs = [];
  for (let i = 0; i < count; i++) {
    runs.push(await createRun(ctx, { teamId: team.teamId, experimentId: experiment.id, runName: `r${i}` }));
  }
  return { ctx, experiment, runs };
}

/** A chart line's columns back as points, to compare with what was logged. */
const pointsOf = (line: { steps: number[]; values: number[] }) =>
  line.steps.map((step, index) => ({ step, value: line.values[index] }));

type Metric = { key: string; value: number; step: number; timestamp: number };
async function log(
  team: TestTeam,
  runId: string,
  metrics: Metric[],
  params: Array<{ key: string; value: string }> = [],
) {
  const ctx = contextFor(t.db, team.engineer);
  for (let i = 0; i === 0 || i < metrics.length; i += 1000) {
    await logRunData(ctx, {
      teamId: team.teamId,
      runId,
      metrics: metrics.slice(i, i + 1000),
      params: i === 0 ? params : [],
      tags: [],
    });
  }
}

describe('metric reads', () => {
  it('pages a history by keyset, NaN and repeated steps included', async () => {
    const team = await makeTeam(t.db);
    const { runs } = await experimentWithRuns(team, 1);
    const runId = runs[0]!.id;
    await log(team, runId, [
      { key: 'loss', value: 3, step: 0, timestamp: 1 },
      { key: 'loss', value: Number.NaN, step: 1, timestamp: 2 },
      { key: 'loss', value: 1, step: 1, timestamp: 2 },
      { key: 'loss', value: 2, step: 1, timestamp: 3 },
      { key: 'loss', value: Number.POSITIVE_INFINITY, step: 2, timestamp: 4 },
      { key: 'other', value: 9, step: 0, timestamp: 1 },
    ]);
    const ctx = contextFor(t.db, team.viewer);
    const seen: number[] = [];
    let pageToken: string | undefined;
    let pages = 0;
    do {
      const page = await getMetricHistory(ctx, {
        teamId: team.teamId,
        runId,
        key: 'loss',
        maxResults: 2,
        pageToken,
      });
      expect(page.metrics.length).toBeLessThanOrEqual(2);
      seen.push(...page.metrics.map((m) => m.value));
      pageToken = page.nextPageToken;
      pages += 1;
    } while (pageToken);
    expect(seen).toEqual([3, 1, Number.NaN, 2, Number.POSITIVE_INFINITY]);
    expect(pages).toBe(3);
    const all = await getMetricHistory(ctx, { teamId: team.teamId, runId, key: 'loss' });
    expect(all.metrics[0]).toEqual({ key: 'loss', value: 3, step: 0, timestamp: 1 });
    expect(all.nextPageToken).toBeUndefined();
    await expect(
      getMetricHistory(ctx, { teamId: team.teamId, runId, key: 'loss', pageToken: 'nope' }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'pageToken' });
  });

  it('downsamples long series to the chart budget and says so, keeping the spike', async () => {
    const team = await makeTeam(t.db);
    const { runs } = await experimentWithRuns(team, 2);
    const [long, short] = runs.map((run) => run.id) as [string, string];
    await log(
      team,
      long,
      Array.from({ length: 5000 }, (_, step) => ({
        key: 'loss',
        value:
          step === 3333
            ? 1000
            : step === 100
              ? Number.NaN
              : step === 4000
                ? Number.POSITIVE_INFINITY
                : step === 4001
                  ? Number.NaN
                  : 1 / (step + 1),
        step,
        timestamp: step,
      })),
    );
    await log(team, short, [
      { key: 'loss', value: 1, step: 0, timestamp: 0 },
      { key: 'acc', value: 0.5, step: 0, timestamp: 0 },
    ]);
    const ctx = contextFor(t.db, team.viewer);
    const { series } = await getMetricSeries(ctx, { teamId: team.teamId, runIds: [long, short] });
    expect(series.map((s) => `${s.key}:${s.runId === long ? 'long' : 'short'}`)).toEqual([
      'acc:short',
      'loss:long',
      'loss:short',
    ]);
    const longLoss = { ...series[1]!, points: pointsOf(series[1]!) };
    expect(longLoss).toMatchObject({ totalPoints: 5000, isDownsampled: true });
    expect(longLoss.points.length).toBeLessThanOrEqual(2000);
    expect(longLoss.points).toContainEqual({ step: 3333, value: 1000 });
    expect(longLoss.points).toContainEqual({ step: 100, value: Number.NaN });
    expect(longLoss.points).toContainEqual({ step: 4000, value: Number.POSITIVE_INFINITY });
    expect(longLoss.points).toContainEqual({ step: 4001, value: Number.NaN });
    expect(longLoss.points[0]).toEqual({ step: 0, value: 1 });
    expect(longLoss.points.at(-1)).toEqual({ step: 4999, value: 1 / 5000 });
    const steps = longLoss.points.map((p) => p.step);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(series[2]).toMatchObject({ totalPoints: 1, isDownsampled: false, steps: [0], values: [1] });
    const small = await getMetricSeries(ctx, {
      teamId: team.teamId,
      runIds: [long],
      keys: ['loss'],
      maxPoints: 100,
    });
    expect(small.series[0]!.steps.length).toBeLessThanOrEqual(100);
  });

  it('keeps a long series chart: appended points merge in, a point logged inside it recomputes it', async () => {
    const team = await makeTeam(t.db);
    const { runs } = await experimentWithRuns(team, 1);
    const runId = runs[0]!.id;
    const point = (step: number, value = Math.sin(step / 50)) => ({
      key: 'loss',
      value,
      step,
      timestamp: step,
    });
    await log(
      team,
      runId,
      Array.from({ length: 6000 }, (_, step) => point(step)),
    );
    const ctx = contextFor(t.db, team.viewer);
    const read = async () =>
      (await getMetricSeries(ctx, { teamId: team.teamId, runIds: [runId], keys: ['loss'] })).series.map(
        (line) => ({ ...line, points: pointsOf(line) }),
      )[0]!;
    const cachedRows = () => t.db.metricChartCache.count({ where: { runId } });

    const first = await read();
    expect(first).toMatchObject({ totalPoints: 6000, isDownsampled: true });
    expect(await cachedRows()).toBe(1);
    expect(await read()).toEqual(first);

    // A live run: later steps are merged into the kept chart, the new peak included.
    await log(team, runId, [...Array.from({ length: 500 }, (_, i) => point(6000 + i)), point(6500, 99)]);
    const grown = await read();
    expect(grown.totalPoints).toBe(6501);
    expect(grown.points.length).toBeLessThanOrEqual(2000);
    expect(grown.points).toContainEqual({ step: 6500, value: 99 });
    expect(await cachedRows()).toBe(1);

    // A point inside the charted range drops the kept chart; the next read counts it.
    await log(team, runId, [{ key: 'loss', value: -50, step: 10, timestamp: 11 }]);
    expect(await cachedRows()).toBe(0);
    const recomputed = await read();
    expect(recomputed.totalPoints).toBe(6502);
    expect(recomputed.points).toContainEqual({ step: 10, value: -50 });
  });

  it('lists metric keys of an experiment’s active runs or of given runs', async () => {
    const team = await makeTeam(t.db);
    const { ctx, experiment, runs } = await experimentWithRuns(team, 2);
    await log(team, runs[0]!.id, [{ key: 'b', value: 1, step: 0, timestamp: 0 }]);
    await log(team, runs[1]!.id, [
      { key: 'a', value: 1, step: 0, timestamp: 0 },
      { key: 'b', value: 1, step: 0, timestamp: 0 },
    ]);
    const viewer = contextFor(t.db, team.viewer);
    await expect(
      listMetricKeys(viewer, { teamId: team.teamId, experimentId: experiment.id }),
    ).resolves.toEqual(['a', 'b']);
    await expect(listMetricKeys(viewer, { teamId: team.teamId, runIds: [runs[0]!.id] })).resolves.toEqual([
      'b',
    ]);
    await deleteRun(ctx, { teamId: team.teamId, runId: runs[1]!.id });
    await expect(
      listMetricKeys(viewer, { teamId: team.teamId, experimentId: experiment.id }),
    ).resolves.toEqual(['b']);
  });

  it('compares runs: params flagged where they differ, final metrics side by side', async () => {
    const team = await makeTeam(t.db);
    const { runs } = await experimentWithRuns(team, 3);
    const [a, b, c] = runs.map((run) => run.id) as [string, string, string];
    await log(
      team,
      a,
      [{ key: 'acc', value: 0.8, step: 9, timestamp: 1 }],
      [
        { key: 'lr', value: '0.1' },
        { key: 'depth', value: '6' },
      ],
    );
    await log(
      team,
      b,
      [{ key: 'acc', value: 0.9, step: 9, timestamp: 1 }],
      [
        { key: 'lr', value: '0.1' },
        { key: 'depth', value: '8' },
      ],
    );
    await log(team, c, [], [{ key: 'lr', value: '0.1' }]);
    const result = await compareRuns(contextFor(t.db, team.viewer), {
      teamId: team.teamId,
      runIds: [b, a, c],
    });
    expect(result.runs.map((run) => run.id)).toEqual([b, a, c]);
    expect(result.params).toEqual([
      { key: 'depth', values: ['8', '6', null], isDifferent: true },
      { key: 'lr', values: ['0.1', '0.1', '0.1'], isDifferent: false },
    ]);
    expect(result.metrics).toEqual([
      {
        key: 'acc',
        values: [
          { key: 'acc', value: 0.9, step: 9, timestamp: 1 },
          { key: 'acc', value: 0.8, step: 9, timestamp: 1 },
          null,
        ],
      },
    ]);
  });

  it('hides runs of other teams from every read', async () => {
    const team = await makeTeam(t.db);
    const other = await makeTeam(t.db);
    const { runs } = await experimentWithRuns(team, 2);
    const outsider = contextFor(t.db, other.admin);
    const ids = runs.map((run) => run.id);
    await expect(getMetricSeries(outsider, { teamId: team.teamId, runIds: ids })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(getMetricSeries(outsider, { teamId: other.teamId, runIds: ids })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(compareRuns(outsider, { teamId: other.teamId, runIds: ids })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      getMetricHistory(outsider, { teamId: other.teamId, runId: ids[0]!, key: 'x' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(listMetricKeys(outsider, { teamId: other.teamId, runIds: ids })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

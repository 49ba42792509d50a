import { GetCostAndUsageCommand } from '@aws-sdk/client-cost-explorer';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type AwsSim, startAwsSim } from '../server';
import { admin, costExplorer } from '../testing/sim-clients';

let sim: AwsSim;

beforeAll(async () => {
  sim = await startAwsSim({ port: 0 });
});
afterAll(() => sim.close());
beforeEach(() => admin(sim, 'DELETE', '/_sim/costs'));

const byDeploymentForTeam = (team: string, start: string, end: string) =>
  new GetCostAndUsageCommand({
    TimePeriod: { Start: start, End: end },
    Granularity: 'DAILY',
    Metrics: ['UnblendedCost'],
    GroupBy: [{ Type: 'TAG', Key: 'cairn:deployment' }],
    Filter: { Tags: { Key: 'cairn:team', Values: [team] } },
  });

describe('cost explorer GetCostAndUsage', () => {
  it('answers each day of the period grouped by the tag, with untagged spend under an empty key', async () => {
    const set = await admin(sim, 'POST', '/_sim/costs', {
      rows: [
        { day: '2026-04-01', tags: { 'cairn:team': 'churn', 'cairn:deployment': 'd1' }, amountUsd: 2.5 },
        { day: '2026-04-01', tags: { 'cairn:team': 'churn', 'cairn:deployment': 'd1' }, amountUsd: 0.5 },
        { day: '2026-04-01', tags: { 'cairn:team': 'churn' }, amountUsd: 1.25 },
        { day: '2026-04-01', tags: { 'cairn:team': 'fraud', 'cairn:deployment': 'd9' }, amountUsd: 7 },
        { day: '2026-04-03', tags: { 'cairn:team': 'churn', 'cairn:deployment': 'd2' }, amountUsd: 4 },
      ],
    });
    expect(set.status).toBe(200);
    const output = await costExplorer(sim).send(byDeploymentForTeam('churn', '2026-04-01', '2026-04-04'));
    expect(output.GroupDefinitions).toEqual([{ Type: 'TAG', Key: 'cairn:deployment' }]);
    const days = output.ResultsByTime?.map((result) => ({
      period: result.TimePeriod,
      groups: result.Groups?.map((group) => [group.Keys?.[0], Number(group.Metrics?.UnblendedCost?.Amount)]),
      units: result.Groups?.map((group) => group.Metrics?.UnblendedCost?.Unit),
    }));
    expect(days).toEqual([
      {
        period: { Start: '2026-04-01', End: '2026-04-02' },
        groups: [
          ['cairn:deployment$d1', 3],
          ['cairn:deployment$', 1.25],
        ],
        units: ['USD', 'USD'],
      },
      { period: { Start: '2026-04-02', End: '2026-04-03' }, groups: [], units: [] },
      {
        period: { Start: '2026-04-03', End: '2026-04-04' },
        groups: [['cairn:deployment$d2', 4]],
        units: ['USD'],
      },
    ]);
  });

  it('refuses what it does not simulate, as a ValidationException', async () => {
    await expect(
      costExplorer(sim).send(
        new GetCostAndUsageCommand({
          TimePeriod: { Start: '2026-04-01', End: '2026-04-02' },
          Granularity: 'MONTHLY',
          Metrics: ['UnblendedCost'],
        }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(
      costExplorer(sim).send(byDeploymentForTeam('churn', '2026-04-02', '2026-04-01')),
    ).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('rejects malformed cost rows on the admin route', async () => {
    const answer = await admin(sim, 'POST', '/_sim/costs', {
      rows: [{ day: 'April', tags: {}, amountUsd: 1 }],
    });
    expect(answer).toEqual({ status: 400, body: { error: 'rows[0].day must be YYYY-MM-DD' } });
  });
});

import { computeCostsJob } from '@cairn/services/jobs/job-contracts';
import { makeRanDeployment } from '@cairn/services/testing/cost-fixtures';
import { makeTeam, type TestTeam } from '@cairn/services/testing/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkerTestStack, type WorkerTestStack } from '../testing/worker-test-stack';
import { readCostExplorer } from './read-cost-explorer';

let stack: WorkerTestStack;
let t: WorkerTestStack['t'];

beforeAll(async () => {
  stack = await startWorkerTestStack({ costExplorer: true });
  ({ t } = stack);
});
afterAll(() => stack.stop());

const ROLE_ARN = 'arn:aws:iam::123456789012:role/cairn-team-costs';

async function teamWithRole(): Promise<TestTeam & { slug: string }> {
  const team = await makeTeam(t.db);
  const row = await t.db.team.update({ where: { id: team.teamId }, data: { iamRoleArn: ROLE_ARN } });
  return { ...team, slug: row.slug };
}

async function billInSim(rows: { day: string; tags: Record<string, string>; amountUsd: number }[]) {
  const response = await fetch(`${stack.sim.url}/_sim/costs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ rows }),
  });
  if (!response.ok) throw new Error(`POST /_sim/costs: ${response.status} ${await response.text()}`);
}

/** Sends the cost job for the range and waits for the run it audits at its end. */
async function computeCosts(from: string, to: string) {
  const before = await t.db.auditEvent.count({ where: { action: 'cost.recompute' } });
  await stack.producer.send(computeCostsJob.name, { from, to });
  const deadline = Date.now() + 30_000;
  while ((await t.db.auditEvent.count({ where: { action: 'cost.recompute' } })) === before) {
    if (Date.now() > deadline) throw new Error('the cost job did not run');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function entriesOf(teamId: string) {
  const rows = await t.db.costEntry.findMany({
    where: { teamId },
    orderBy: [{ day: 'asc' }, { amountUsd: 'desc' }],
  });
  return rows.map((row) => ({
    day: row.day.toISOString().slice(0, 10),
    source: row.source,
    deploymentId: row.deploymentId,
    projectId: row.projectId,
    description: row.description,
    amountUsd: Number(row.amountUsd),
  }));
}

describe('cost job with Cost Explorer enabled', () => {
  it("stores each complete day's billed spend per deployment in place of the estimates, and a rerun gives the same rows", async () => {
    const team = await teamWithRole();
    const other = await teamWithRole();
    const ran = { instanceType: 'ml.m5.large', instanceCount: 1 };
    const first = await makeRanDeployment(t.db, team, {
      ...ran,
      inServiceAt: new Date('2026-04-01T12:00:00Z'),
      endedAt: new Date('2026-04-03T00:00:00Z'),
    });
    const second = await makeRanDeployment(t.db, team, {
      ...ran,
      inServiceAt: new Date('2026-04-01T12:00:00Z'),
      endedAt: new Date('2026-04-03T00:00:00Z'),
    });
    await billInSim([
      { day: '2026-04-01', tags: { 'cairn:team': team.slug, 'cairn:deployment': first.id }, amountUsd: 3.5 },
      {
        day: '2026-04-01',
        tags: { 'cairn:team': team.slug, 'cairn:deployment': second.id },
        amountUsd: 1.25,
      },
      { day: '2026-04-01', tags: { 'cairn:team': team.slug }, amountUsd: 0.4 },
      { day: '2026-04-02', tags: { 'cairn:team': team.slug, 'cairn:deployment': first.id }, amountUsd: 5 },
      { day: '2026-04-01', tags: { 'cairn:team': other.slug, 'cairn:deployment': first.id }, amountUsd: 9 },
    ]);
    const billed = [
      {
        day: '2026-04-01',
        source: 'COST_EXPLORER',
        deploymentId: first.id,
        projectId: team.projectId,
        description: `${first.awsResourceName}, billed in Cost Explorer`,
        amountUsd: 3.5,
      },
      {
        day: '2026-04-01',
        source: 'COST_EXPLORER',
        deploymentId: second.id,
        projectId: team.projectId,
        description: `${second.awsResourceName}, billed in Cost Explorer`,
        amountUsd: 1.25,
      },
      {
        day: '2026-04-01',
        source: 'COST_EXPLORER',
        deploymentId: null,
        projectId: null,
        description: 'Untagged in Cost Explorer',
        amountUsd: 0.4,
      },
      {
        day: '2026-04-02',
        source: 'COST_EXPLORER',
        deploymentId: first.id,
        projectId: team.projectId,
        description: `${first.awsResourceName}, billed in Cost Explorer`,
        amountUsd: 5,
      },
    ];
    for (let attempt = 0; attempt < 2; attempt++) {
      await computeCosts('2026-04-01', '2026-04-02');
      expect(await entriesOf(team.teamId)).toEqual(billed);
    }
    // Another team's deployment id under this team's tag is not this team's: unmapped, kept visible.
    expect(await entriesOf(other.teamId)).toEqual([
      {
        day: '2026-04-01',
        source: 'COST_EXPLORER',
        deploymentId: null,
        projectId: null,
        description: `Tagged cairn:deployment=${first.id} in Cost Explorer, not a deployment of this team`,
        amountUsd: 9,
      },
    ]);
    const recorded = await t.db.auditEvent.findMany({
      where: { action: 'cost.cost-explorer.record', teamId: team.teamId },
    });
    expect(recorded).toHaveLength(4);
    const reads = await t.db.auditEvent.count({
      where: { action: 'aws.ce.GetCostAndUsage', teamId: team.teamId, outcome: 'SUCCESS' },
    });
    expect(reads).toBe(2);
  });

  it('keeps estimates for the days Cost Explorer reported nothing for', async () => {
    const team = await teamWithRole();
    const deployment = await makeRanDeployment(t.db, team, {
      instanceType: 'ml.m5.large',
      instanceCount: 1,
      inServiceAt: new Date('2026-05-01T12:00:00Z'),
      endedAt: new Date('2026-05-03T00:00:00Z'),
    });
    await billInSim([
      {
        day: '2026-05-01',
        tags: { 'cairn:team': team.slug, 'cairn:deployment': deployment.id },
        amountUsd: 2,
      },
    ]);
    await computeCosts('2026-05-01', '2026-05-02');
    const rows = await t.db.costEntry.findMany({ where: { teamId: team.teamId }, orderBy: { day: 'asc' } });
    expect(
      rows.map((row) => [
        row.day.toISOString().slice(0, 10),
        row.source,
        row.deploymentId,
        Number(row.quantity),
      ]),
    ).toEqual([
      ['2026-05-01', 'COST_EXPLORER', deployment.id, 1],
      ['2026-05-02', 'ESTIMATE', deployment.id, 24],
    ]);
  });

  it('reads a team again only once its last read is older than the interval asked for', async () => {
    const team = await teamWithRole();
    const read = (now: Date) =>
      readCostExplorer(stack.deps, {
        from: new Date('2026-06-01T00:00:00Z'),
        to: new Date('2026-06-01T00:00:00Z'),
        now,
        jobId: crypto.randomUUID(),
        rereadAfterMs: 3_600_000,
      });
    const now = new Date();
    expect((await read(now)).recentlyRead).not.toContain(team.teamId);
    expect((await read(now)).recentlyRead).toContain(team.teamId);
    expect((await read(new Date(now.getTime() + 2 * 3_600_000))).recentlyRead).not.toContain(team.teamId);
  });
});

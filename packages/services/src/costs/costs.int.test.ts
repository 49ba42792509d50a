import { findInstanceType } from '@cairn/core/deployments/instance-catalogue';
import { isDomainError } from '@cairn/core/errors';
import type { TestDatabase } from '@cairn/db/testing/test-database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listBudgets } from '../budgets/list-budgets';
import { saveBudget } from '../budgets/save-budget';
import type { JobQueue } from '../jobs/job-queue';
import { makeRanDeployment } from '../testing/cost-fixtures';
import { contextFor, makeTeam, makeUser, type TestUser } from '../testing/fixtures';
import { openQueueTestDatabase } from '../testing/queue-test-database';
import { exportCostEntries } from './export-cost-entries';
import { getOrgCostOverview } from './get-org-cost-overview';
import { getTeamCosts } from './get-team-costs';
import { recomputeCosts } from './recompute-costs';

let t: TestDatabase;
let queue: JobQueue;
let close: () => Promise<void>;
let orgAdmin: TestUser;
beforeAll(async () => {
  ({ t, queue, close } = await openQueueTestDatabase());
  orgAdmin = await makeUser(t.db, [], { isOrgAdmin: true });
});
afterAll(() => close());

const at = (iso: string) => new Date(iso);
const NOW = at('2026-03-12T06:00:00Z');

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (isDomainError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
}

const comparable = (rows: Array<Record<string, unknown>>) =>
  rows.map(({ id: _id, computedAt: _computedAt, ...rest }) => JSON.stringify(rest)).sort();

describe('recomputing costs', () => {
  it('gives the same rows when a day is recomputed, replacing rather than adding', async () => {
    const team = await makeTeam(t.db);
    const deployment = await makeRanDeployment(t.db, team, {
      instanceType: 'ml.m5.xlarge',
      instanceCount: 2,
      inServiceAt: at('2026-03-10T18:30:00Z'),
      endedAt: at('2026-03-11T12:00:00Z'),
    });
    const range = { from: at('2026-03-10'), to: at('2026-03-11'), now: NOW, teamIds: [team.teamId] };
    await recomputeCosts(t.db, range);
    const first = await t.db.costEntry.findMany({ where: { teamId: team.teamId } });
    await recomputeCosts(t.db, range);
    const second = await t.db.costEntry.findMany({ where: { teamId: team.teamId } });
    expect(second).toHaveLength(2);
    expect(comparable(second)).toEqual(comparable(first));
    const byDay = Object.fromEntries(
      second.map((row) => [row.day.toISOString().slice(0, 10), Number(row.quantity)]),
    );
    expect(byDay).toEqual({ '2026-03-10': 11, '2026-03-11': 24 });
    expect(
      second.every((row) => row.deploymentId === deployment.id && row.projectId === team.projectId),
    ).toBe(true);
  });

  it('follows the instance counts the worker recorded: what autoscaling ran, not the spec', async () => {
    const team = await makeTeam(t.db);
    const deployment = await makeRanDeployment(t.db, team, {
      instanceType: 'ml.m5.xlarge',
      instanceCount: 2,
      inServiceAt: at('2026-03-10T00:00:00Z'),
      endedAt: at('2026-03-11T00:00:00Z'),
    });
    // Two instances until 06:00, four until 18:00, back to two: the minutes between repeat the count.
    const recorded: Array<[string, number]> = [
      ['2026-03-10T00:01:00Z', 2],
      ['2026-03-10T05:59:00Z', 2],
      ['2026-03-10T06:00:00Z', 4],
      ['2026-03-10T12:00:00Z', 4],
      ['2026-03-10T18:00:00Z', 2],
    ];
    await t.db.deploymentMetricPoint.createMany({
      data: recorded.map(([minute, value]) => ({
        deploymentId: deployment.id,
        metric: 'instances',
        variant: '',
        minute: at(minute),
        value,
      })),
    });
    await recomputeCosts(t.db, {
      from: at('2026-03-10'),
      to: at('2026-03-10'),
      now: NOW,
      teamIds: [team.teamId],
    });
    const [entry] = await t.db.costEntry.findMany({ where: { deploymentId: deployment.id } });
    expect(Number(entry?.quantity)).toBeCloseTo(6 * 2 + 12 * 4 + 6 * 2, 4);
    expect(Number(entry?.amountUsd)).toBeCloseTo(
      72 * (findInstanceType('ml.m5.xlarge')?.pricePerHourUsd ?? 0),
      2,
    );
  });
});

describe('budget thresholds', () => {
  it('records, notifies and announces each threshold once a month however often costs are recomputed', async () => {
    const team = await makeTeam(t.db);
    await t.db.projectWebhook.create({
      data: {
        teamId: team.teamId,
        projectId: team.projectId,
        url: 'https://hooks.example.com/cairn',
        secret: 'whsec_test',
        events: ['budget.threshold_crossed'],
      },
    });
    await saveBudget(contextFor(t.db, orgAdmin), {
      teamId: team.teamId,
      projectId: null,
      monthlyUsd: 100,
      thresholdsPercent: [50, 80, 100, 200],
      ownerId: team.engineer.id,
    });
    // 2 x ml.g5.xlarge for 36 hours: about $101, past 100% but not 200%.
    await makeRanDeployment(t.db, team, {
      instanceType: 'ml.g5.xlarge',
      instanceCount: 2,
      inServiceAt: at('2026-03-10T12:00:00Z'),
      endedAt: at('2026-03-12T00:00:00Z'),
    });
    expect(36 * 2 * findInstanceType('ml.g5.xlarge')!.pricePerHourUsd).toBeGreaterThan(100);
    const range = { from: at('2026-03-10'), to: at('2026-03-12'), now: NOW, teamIds: [team.teamId], queue };
    // Two workers at once: the unique key lets only one of them record (and announce) each crossing.
    const [first, second] = await Promise.all([recomputeCosts(t.db, range), recomputeCosts(t.db, range)]);
    expect(first.crossings + second.crossings).toBe(3);
    expect((await recomputeCosts(t.db, range)).crossings).toBe(0);
    const crossings = await t.db.budgetThresholdCrossing.findMany({ where: { teamId: team.teamId } });
    expect(crossings.map((c) => c.thresholdPercent).sort((a, b) => a - b)).toEqual([50, 80, 100]);
    expect(crossings.every((c) => c.month.toISOString() === '2026-03-01T00:00:00.000Z')).toBe(true);
    const notifications = await t.db.notification.findMany({
      where: { teamId: team.teamId, kind: 'budget.threshold_crossed' },
    });
    const perUser = (userId: string) => notifications.filter((n) => n.userId === userId).length;
    expect([
      perUser(team.engineer.id),
      perUser(team.admin.id),
      perUser(orgAdmin.id),
      perUser(team.viewer.id),
    ]).toEqual([3, 3, 3, 0]);
    expect(notifications.find((n) => n.title.includes('100%'))?.link).toBe(`/teams/${team.teamId}/costs`);
    const deliveries = await t.db.webhookDelivery.findMany({
      where: { teamId: team.teamId, event: 'budget.threshold_crossed' },
    });
    expect(deliveries).toHaveLength(3);
    const audits = await t.db.auditEvent.count({
      where: { teamId: team.teamId, action: 'budget.thresholdCrossed' },
    });
    expect(audits).toBe(3);
  });
});

describe('budget access', () => {
  it('lets org admins edit, team admins view only, and hides the team from everyone else', async () => {
    const team = await makeTeam(t.db);
    const other = await makeTeam(t.db);
    const input = {
      teamId: team.teamId,
      projectId: null,
      monthlyUsd: 500,
      thresholdsPercent: [50, 80, 100],
      ownerId: null,
    };
    const saved = await saveBudget(contextFor(t.db, orgAdmin), input);
    await saveBudget(contextFor(t.db, orgAdmin), { ...input, monthlyUsd: 750 });
    const audit = await t.db.auditEvent.findFirstOrThrow({
      where: { resourceId: saved.id, action: 'budget.update' },
    });
    expect(audit.before).toMatchObject({ monthlyUsd: 500 });
    expect(audit.after).toMatchObject({ monthlyUsd: 750 });
    expect(await t.db.budget.count({ where: { teamId: team.teamId } })).toBe(1);

    const view = await listBudgets(contextFor(t.db, team.admin), { teamId: team.teamId });
    expect(view).toMatchObject({ canEdit: false, budgets: [{ monthlyUsd: 750, projectId: null }] });
    expect(await refusal(saveBudget(contextFor(t.db, team.admin), input))).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(
      await refusal(listBudgets(contextFor(t.db, team.engineer), { teamId: team.teamId })),
    ).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await refusal(listBudgets(contextFor(t.db, other.admin), { teamId: team.teamId }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await refusal(getTeamCosts(contextFor(t.db, other.admin), { teamId: team.teamId }))).toMatchObject(
      {
        code: 'NOT_FOUND',
      },
    );
    expect(
      await refusal(saveBudget(contextFor(t.db, orgAdmin), { ...input, projectId: other.projectId })),
    ).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('cost export', () => {
  it('writes exactly the stored entries of the range as CSV, audited', async () => {
    const team = await makeTeam(t.db);
    await makeRanDeployment(t.db, team, {
      instanceType: 'ml.c5.large',
      instanceCount: 1,
      inServiceAt: at('2026-02-27T09:00:00Z'),
      endedAt: null,
    });
    await recomputeCosts(t.db, {
      from: at('2026-02-27'),
      to: at('2026-03-03'),
      now: NOW,
      teamIds: [team.teamId],
    });
    const chunks: string[] = [];
    const csv = await exportCostEntries(contextFor(t.db, team.admin), {
      teamId: team.teamId,
      from: '2026-02-28',
      to: '2026-03-02',
    });
    for await (const chunk of csv) chunks.push(chunk);
    const [header, ...lines] = chunks.join('').trim().split('\n');
    expect(header).toBe(
      'day,team_id,project_id,project,deployment_id,deployment,resource_kind,description,quantity,unit,amount_usd,source',
    );
    const rows = await t.db.costEntry.findMany({
      where: { teamId: team.teamId, day: { gte: at('2026-02-28'), lte: at('2026-03-02') } },
      orderBy: [{ day: 'asc' }, { id: 'asc' }],
    });
    expect(rows).toHaveLength(3);
    expect(lines.map((line) => line.split(','))).toEqual(
      rows.map((row) => [
        row.day.toISOString().slice(0, 10),
        row.teamId,
        row.projectId,
        expect.any(String),
        row.deploymentId,
        expect.stringMatching(/^cairn-ep-/),
        row.resourceKind,
        row.description,
        row.quantity.toString(),
        row.unit,
        row.amountUsd.toString(),
        'ESTIMATE',
      ]),
    );
    expect(
      await t.db.auditEvent.count({
        where: { teamId: team.teamId, action: 'cost.export', actorUserId: team.admin.id },
      }),
    ).toBe(1);
  });
});

describe('cost pages', () => {
  it("sums a team's month by day, project, kind and deployment, and shows every team to org admins only", async () => {
    const team = await makeTeam(t.db);
    await saveBudget(contextFor(t.db, orgAdmin), {
      teamId: team.teamId,
      projectId: null,
      monthlyUsd: 5,
      thresholdsPercent: [100],
      ownerId: null,
    });
    const deployment = await makeRanDeployment(t.db, team, {
      instanceType: 'ml.m5.large',
      instanceCount: 1,
      inServiceAt: at('2026-03-03T00:00:00Z'),
      endedAt: at('2026-03-05T00:00:00Z'),
    });
    await recomputeCosts(t.db, {
      from: at('2026-03-01'),
      to: at('2026-03-12'),
      now: NOW,
      teamIds: [team.teamId],
    });
    const costs = await getTeamCosts(contextFor(t.db, team.admin), {
      teamId: team.teamId,
      month: '2026-03-20',
      now: NOW,
    });
    const dayUsd = 24 * findInstanceType('ml.m5.large')!.pricePerHourUsd;
    expect(costs.month).toBe('2026-03-01');
    expect(costs.monthToDateUsd).toBeCloseTo(2 * dayUsd, 2);
    // 11.25 days elapsed of 31
    expect(costs.forecastUsd).toBeCloseTo(((2 * dayUsd) / 11.25) * 31, 1);
    expect(costs.daily.map((day) => day.day)).toHaveLength(12);
    expect(costs.daily.filter((day) => day.usd > 0).map((day) => day.day)).toEqual([
      '2026-03-03',
      '2026-03-04',
    ]);
    expect(costs.byResourceKind).toEqual([{ resourceKind: 'ENDPOINT_INSTANCE', usd: costs.monthToDateUsd }]);
    expect(costs.byProject).toMatchObject([{ projectId: team.projectId, usd: costs.monthToDateUsd }]);
    expect(costs.topDeployments).toMatchObject([
      {
        deploymentId: deployment.id,
        name: deployment.awsResourceName,
        path: `/teams/${team.teamId}/projects/${team.projectId}/deployments/${deployment.id}`,
      },
    ]);
    const overview = await getOrgCostOverview(contextFor(t.db, orgAdmin), { month: '2026-03-01', now: NOW });
    expect(overview.teams.find((row) => row.teamId === team.teamId)).toMatchObject({
      budgetUsd: 5,
      isOverBudget: true,
    });
    expect(await refusal(getOrgCostOverview(contextFor(t.db, team.admin), {}))).toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});

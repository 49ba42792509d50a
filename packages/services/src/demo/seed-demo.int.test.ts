import type { TestDatabase } from '@cairn/db/testing/test-database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openQueueTestDatabase } from '../testing/queue-test-database';
import { seedDemo } from './seed-demo';
import { DEMO_RELEASE_PIPELINE } from './seed-demo-releases';

let t: TestDatabase;
let close: () => Promise<void>;
beforeAll(async () => {
  const opened = await openQueueTestDatabase();
  t = opened.t;
  close = opened.close;
  const startedAt = performance.now();
  await seedDemo(t.db, { queue: opened.queue });
  // Timing never decides a test on these shared machines; the figure is for the person reading.
  console.info(`seedDemo: ${Math.round(performance.now() - startedAt)} ms`);
}, 120_000);
afterAll(() => close());

describe('demo seed: experiment tracking', () => {
  it('gives the fraud projects experiments whose runs a person would recognise', async () => {
    const experiments = await t.db.experiment.findMany({
      include: { _count: { select: { runs: true } } },
      orderBy: { name: 'asc' },
    });
    expect(experiments.map((e) => [e.name, e._count.runs])).toEqual([
      ['lightgbm-chargeback', 12],
      ['mlp-card-fraud', 13],
      ['xgboost-card-fraud', 12],
    ]);
    const statuses = await t.db.run.groupBy({ by: ['status'], _count: true });
    expect(Object.fromEntries(statuses.map((s) => [s.status, s._count]))).toEqual({
      FINISHED: 35,
      FAILED: 1,
      RUNNING: 1,
    });
    const running = await t.db.run.findFirstOrThrow({ where: { status: 'RUNNING' } });
    expect(running.endTime).toBeNull();
    const sample = await t.db.run.findFirstOrThrow({
      where: { name: 'xgboost-03' },
      include: { params: true, tags: true, latestMetrics: true },
    });
    expect(sample.params.map((p) => p.key).sort()).toEqual([
      'colsample_bytree',
      'learning_rate',
      'max_depth',
      'n_estimators',
      'subsample',
    ]);
    expect(sample.tags.map((tag) => tag.key)).toEqual(
      expect.arrayContaining(['mlflow.source.name', 'mlflow.user', 'mlflow.source.git.commit']),
    );
    expect(sample.source).toBe('training/train_xgboost.py');
    expect(sample.gitCommit).toMatch(/^[0-9a-f]{40}$/);
    expect(sample.latestMetrics.map((m) => [m.key, Number(m.step)]).sort()).toEqual([
      ['accuracy', 199],
      ['auc', 199],
      ['train_loss', 199],
      ['val_loss', 199],
    ]);
    const loss = await t.db.metricPoint.findMany({
      where: { runId: sample.id, key: 'train_loss' },
      orderBy: { step: 'asc' },
    });
    expect(loss).toHaveLength(200);
    expect(loss.at(-1)!.value).toBeLessThan(loss[0]!.value);
  });

  it('keeps one long run with a series charts must downsample, charted ahead as a finished run is', async () => {
    const long = await t.db.run.findFirstOrThrow({ where: { name: 'mlp-pretrain-long' } });
    expect(await t.db.metricPoint.count({ where: { runId: long.id, key: 'train_loss' } })).toBe(50_000);
    expect(await t.db.metricChartCache.findMany({ where: { runId: long.id } })).toMatchObject([
      { key: 'train_loss', pointCount: 50_000 },
    ]);
  });

  it('records the runs in the audit trail as the engineer, one event per log-batch call', async () => {
    const long = await t.db.run.findFirstOrThrow({ where: { name: 'mlp-pretrain-long' } });
    const events = await t.db.auditEvent.findMany({ where: { resourceId: long.id } });
    // create + params + 50 metric batches + finish
    expect(events).toHaveLength(53);
    expect(new Set(events.map((e) => e.actorLabel))).toEqual(new Set(['engineer@example.com']));
  });

  it('leaves team and project events on the newest page of the audit trail', async () => {
    const newest = await t.db.auditEvent.findMany({ orderBy: { seq: 'desc' }, take: 50 });
    expect(newest.map((e) => e.action)).toEqual(expect.arrayContaining(['project.create', 'member.add']));
  });
});

describe('demo seed: releases', () => {
  it('gives Card Fraud Scoring a two-approver policy, a release pipeline and version 1 approved for prod', async () => {
    const project = await t.db.project.findFirstOrThrow({ where: { name: 'Card Fraud Scoring' } });
    expect(project.approvalPolicy).toMatchObject({ requiredApprovals: 2, metricGates: [{ metric: 'auc' }] });
    const pipeline = await t.db.pipeline.findFirstOrThrow({
      where: { awsPipelineName: DEMO_RELEASE_PIPELINE },
    });
    expect(pipeline.startOnApproval).toBe(true);
    const version = await t.db.modelVersion.findFirstOrThrow({
      where: { projectId: project.id },
      include: { approvalRequests: { include: { decisions: true } } },
    });
    expect(version).toMatchObject({ version: 1, approvalStatus: 'APPROVED' });
    expect(version.approvalRequests[0]).toMatchObject({ status: 'APPROVED', environment: 'PROD' });
    expect(version.approvalRequests[0]!.decisions).toHaveLength(2);
    const release = await t.db.pipelineRun.findFirstOrThrow({ where: { modelVersionId: version.id } });
    expect(release.variables).toMatchObject({ CAIRN_MODEL_VERSION: '1', CAIRN_ENVIRONMENT: 'PROD' });
  });
});

describe('demo seed: budgets and costs', () => {
  it('gives each team a budget and the fraud team two months of spend that crossed its thresholds', async () => {
    const fraud = await t.db.team.findFirstOrThrow({ where: { name: 'Fraud Detection' } });
    const budgets = await t.db.budget.findMany({ include: { project: true } });
    expect(budgets.map((b) => [b.project?.name ?? 'team-wide', Number(b.monthlyUsd)]).sort()).toEqual([
      ['Card Fraud Scoring', 3000],
      ['team-wide', 5000],
      ['team-wide', 5000],
    ]);
    const days = await t.db.costEntry.groupBy({ by: ['day'], where: { teamId: fraud.id } });
    expect(days.length).toBeGreaterThanOrEqual(60);
    const top = await t.db.costEntry.groupBy({
      by: ['deploymentId'],
      where: { teamId: fraud.id },
      _sum: { amountUsd: true },
      orderBy: { _sum: { amountUsd: 'desc' } },
      take: 1,
    });
    const loadTest = await t.db.deployment.findUniqueOrThrow({ where: { id: top[0]!.deploymentId! } });
    expect(loadTest.spec).toMatchObject({ instanceType: 'ml.p3.8xlarge', initialInstanceCount: 4 });
    const crossings = await t.db.budgetThresholdCrossing.findMany({ where: { teamId: fraud.id } });
    expect(crossings.filter((c) => c.thresholdPercent === 100).length).toBeGreaterThanOrEqual(1);
    const admin = await t.db.user.findUniqueOrThrow({ where: { email: 'admin@example.com' } });
    expect(
      await t.db.notification.count({ where: { userId: admin.id, kind: 'budget.threshold_crossed' } }),
    ).toBeGreaterThan(0);
  });
});

import { computeCostsJob } from '@cairn/services/jobs/job-contracts';
import { makeRanDeployment } from '@cairn/services/testing/cost-fixtures';
import { makeTeam } from '@cairn/services/testing/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkerTestStack, type WorkerTestStack } from '../testing/worker-test-stack';
import { scheduleCostComputation } from './compute-costs.handler';

let stack: WorkerTestStack;
let t: WorkerTestStack['t'];
let producer: WorkerTestStack['producer'];
let worker: WorkerTestStack['worker'];

beforeAll(async () => {
  stack = await startWorkerTestStack();
  ({ t, producer, worker } = stack);
});
afterAll(() => stack.stop());

describe('cost computation job', () => {
  it('recomputes the range it is sent, and once more without adding rows', async () => {
    const team = await makeTeam(t.db);
    await makeRanDeployment(t.db, team, {
      instanceType: 'ml.m5.large',
      instanceCount: 1,
      inServiceAt: new Date('2026-04-01T12:00:00Z'),
      endedAt: new Date('2026-04-03T00:00:00Z'),
    });
    const entries = () =>
      t.db.costEntry.findMany({ where: { teamId: team.teamId }, orderBy: { day: 'asc' } });
    for (let attempt = 0; attempt < 2; attempt++) {
      const before = await t.db.auditEvent.count({ where: { action: 'cost.recompute' } });
      await producer.send(computeCostsJob.name, { from: '2026-04-01', to: '2026-04-05' });
      const deadline = Date.now() + 30_000;
      while ((await t.db.auditEvent.count({ where: { action: 'cost.recompute' } })) === before) {
        if (Date.now() > deadline) throw new Error('the cost job did not run');
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      const rows = await entries();
      expect(rows.map((row) => [row.day.toISOString().slice(0, 10), Number(row.quantity)])).toEqual([
        ['2026-04-01', 12],
        ['2026-04-02', 24],
      ]);
    }
  });

  it('is on the schedule once an hour, however many workers put it there', async () => {
    await scheduleCostComputation(worker);
    await scheduleCostComputation(producer);
    const schedules = await worker.getSchedules(computeCostsJob.name);
    expect(schedules).toHaveLength(1);
    expect(schedules[0]).toMatchObject({ name: computeCostsJob.name, cron: '7 * * * *' });
  });
});

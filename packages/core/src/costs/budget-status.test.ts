import { describe, expect, it } from 'vitest';
import { forecastMonthEndUsd, reachedThresholds } from './budget-status';
import { eachDay, monthStart, nextMonthStart } from './cost-calendar';
import { pipelineRunCostForDay } from './pipeline-run-cost';

describe('forecastMonthEndUsd', () => {
  it('extends the average elapsed day over the month', () => {
    // 10 days of February 2026 (28 days) cost 1000
    expect(forecastMonthEndUsd(1000, new Date('2026-02-11T00:00:00Z'))).toBeCloseTo(2800);
    // half of the first day
    expect(forecastMonthEndUsd(10, new Date('2026-03-01T12:00:00Z'))).toBeCloseTo(620);
  });
});

describe('reachedThresholds', () => {
  it('lists the thresholds spend has reached, at the boundary included', () => {
    expect(reachedThresholds(4000, 5000, [100, 50, 80])).toEqual([50, 80]);
    expect(reachedThresholds(2500, 5000, [50, 80, 100])).toEqual([50]);
    expect(reachedThresholds(2499.99, 5000, [50, 80, 100])).toEqual([]);
    expect(reachedThresholds(10, 0, [50])).toEqual([]);
  });
});

describe('calendar', () => {
  it('walks days across a month end and a leap day', () => {
    const days = eachDay(new Date('2028-02-28T15:00:00Z'), new Date('2028-03-01T01:00:00Z'));
    expect(days.map((day) => day.toISOString().slice(0, 10))).toEqual([
      '2028-02-28',
      '2028-02-29',
      '2028-03-01',
    ]);
    expect(monthStart(new Date('2026-12-31T23:59:59Z')).toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(nextMonthStart(new Date('2026-12-31T23:59:59Z')).toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });
});

describe('pipelineRunCostForDay', () => {
  it('prices the minutes of the run that fell on the day', () => {
    const run = {
      kind: 'CODEPIPELINE' as const,
      pipelineName: 'release',
      startedAt: new Date('2026-03-01T23:50:00Z'),
      finishedAt: new Date('2026-03-02T00:20:00Z'),
    };
    const [first] = pipelineRunCostForDay(run, new Date('2026-03-01T00:00:00Z'), new Date('2027-01-01'));
    const [second] = pipelineRunCostForDay(run, new Date('2026-03-02T00:00:00Z'), new Date('2027-01-01'));
    expect(first).toMatchObject({ resourceKind: 'PIPELINE', quantity: 10, unit: 'minutes' });
    expect(second!.quantity).toBe(20);
    expect(second!.amountUsd).toBeCloseTo(0.04);
  });
});

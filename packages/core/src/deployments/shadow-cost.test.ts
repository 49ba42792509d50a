import { describe, expect, it } from 'vitest';
import { accruedCostUsd, currentMonthlyUsd } from './shadow-cost';

describe('accruedCostUsd', () => {
  const createdAt = new Date('2026-12-01T00:00:00Z');
  const shadowTest = {
    // ml.m5.large x 1 for a month plus its shadow for 7 days, as the preview priced it.
    predictedMonthlyUsd: 0.115 * 730 + 0.115 * 168,
    createdAt,
    endedAt: null,
    inServiceAt: createdAt,
    shadowEndedAt: null,
    spec: {
      type: 'REALTIME',
      modelVersionId: '00000000-0000-7000-8000-000000000001',
      environment: 'PROD',
      instanceType: 'ml.m5.large',
      initialInstanceCount: 1,
      strategy: { kind: 'SHADOW', shadowPercent: 20, days: 7 },
    },
  };

  it('counts the shadow variant by the hours it ran, and not once it has ended', () => {
    const tenDaysIn = new Date('2026-12-11T00:00:00Z');
    const running = accruedCostUsd(shadowTest, tenDaysIn);
    expect(running).toBeCloseTo(0.115 * 240 * 2, 1);
    const endedAfterOneDay = { ...shadowTest, shadowEndedAt: new Date('2026-12-02T00:00:00Z') };
    expect(accruedCostUsd(endedAfterOneDay, tenDaysIn)).toBeCloseTo(0.115 * 240 + 0.115 * 24, 1);
    expect(currentMonthlyUsd(endedAfterOneDay)).toBeCloseTo(0.115 * 730, 1);
    expect(currentMonthlyUsd(shadowTest)).toBeCloseTo(0.115 * 898, 1);
  });
});

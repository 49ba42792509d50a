import { describe, expect, it } from 'vitest';
import { compareShadowVariants, type VariantStats } from './shadow-comparison';
import { isShadowDue, shadowWindowOf } from './shadow-window';

const stats = (entries: Record<string, Partial<VariantStats>>) =>
  new Map(
    Object.entries(entries).map(([metric, value]) => [
      metric,
      { mean: null, p99: null, sum: null, ...value },
    ]),
  );

describe('compareShadowVariants', () => {
  it('marks a faster shadow better, a more failing shadow worse, and invocations as neither', () => {
    const rows = compareShadowVariants(
      stats({
        invocations: { mean: 100, sum: 1000 },
        model_latency_p50: { mean: 40 },
        invocation_5xx: { sum: 10 },
        invocation_4xx: { sum: 5 },
      }),
      stats({
        invocations: { mean: 20, sum: 200 },
        model_latency_p50: { mean: 30 },
        invocation_5xx: { sum: 4 },
        invocation_4xx: { sum: 1 },
      }),
    );
    const byKey = new Map(rows.map((row) => [row.key, row]));
    expect(byKey.get('invocations')).toMatchObject({ differencePercent: -80, verdict: 'unknown' });
    expect(byKey.get('model_latency_p50')).toMatchObject({ differencePercent: -25, verdict: 'better' });
    // 1% of production's requests failed, 2% of the shadow's.
    expect(byKey.get('error_rate_5xx')).toMatchObject({ production: 1, shadow: 2, verdict: 'worse' });
    expect(byKey.get('error_rate_4xx')).toMatchObject({ production: 0.5, shadow: 0.5, verdict: 'same' });
    expect(byKey.get('cpu_utilization')).toMatchObject({ production: null, differencePercent: null });
  });
});

describe('shadowWindowOf', () => {
  const spec = {
    type: 'REALTIME',
    modelVersionId: '00000000-0000-7000-8000-000000000001',
    environment: 'PROD',
    instanceType: 'ml.m5.large',
    initialInstanceCount: 1,
    strategy: { kind: 'SHADOW', shadowPercent: 20, days: 3 },
    rollsBackOnAlarm: true,
  } as never;

  it('ends the stated days after the deployment came in service', () => {
    const window = shadowWindowOf({
      spec,
      inServiceAt: new Date('2026-12-01T14:00:00Z'),
      shadowEndedAt: null,
    });
    expect(window?.endsAt?.toISOString()).toBe('2026-12-04T14:00:00.000Z');
    expect(isShadowDue(window, new Date('2026-12-04T13:59:00Z'))).toBe(false);
    expect(isShadowDue(window, new Date('2026-12-04T14:00:00Z'))).toBe(true);
    expect(isShadowDue({ ...window!, endedAt: new Date() }, new Date('2026-12-05T00:00:00Z'))).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { findInstanceType } from '../deployments/instance-catalogue';
import { SERVERLESS_PRICES_USD } from '../deployments/serverless-pricing';
import { deploymentCostForDay } from './deployment-day-cost';

const at = (iso: string) => new Date(iso);
const VERSION = '0190a000-0000-7000-8000-000000000001';
const price = (type: string) => findInstanceType(type)!.pricePerHourUsd;
const later = at('2027-01-01T00:00:00Z');

const realtime = (strategy: Record<string, unknown> = { kind: 'ALL_AT_ONCE' }) => ({
  type: 'REALTIME',
  modelVersionId: VERSION,
  environment: 'PROD',
  instanceType: 'ml.m5.xlarge',
  initialInstanceCount: 2,
  strategy,
});

const base = {
  createdAt: at('2026-01-30T21:00:00Z'),
  inServiceAt: at('2026-01-30T22:00:00Z'),
  endedAt: null,
  shadowEndedAt: null,
};

describe('deploymentCostForDay', () => {
  it('prices an endpoint from InService, partial first hours included', () => {
    const [item] = deploymentCostForDay({ ...base, spec: realtime() }, at('2026-01-30T00:00:00Z'), later);
    expect(item).toMatchObject({ resourceKind: 'ENDPOINT_INSTANCE', quantity: 4, unit: 'instance-hours' });
    expect(item!.amountUsd).toBeCloseTo(4 * price('ml.m5.xlarge'));
  });

  it('splits a run across a month boundary into whole days on each side', () => {
    const deployment = { ...base, spec: realtime(), endedAt: at('2026-02-01T06:30:00Z') };
    const hours = (day: string) =>
      deploymentCostForDay(deployment, at(day), later).reduce((sum, item) => sum + item.quantity, 0);
    expect(hours('2026-01-30T00:00:00Z')).toBe(4);
    expect(hours('2026-01-31T00:00:00Z')).toBe(48);
    expect(hours('2026-02-01T00:00:00Z')).toBe(13);
    expect(hours('2026-02-02T00:00:00Z')).toBe(0);
  });

  it('counts today only up to now', () => {
    const items = deploymentCostForDay(
      { ...base, spec: realtime() },
      at('2026-02-03T00:00:00Z'),
      at('2026-02-03T09:15:00Z'),
    );
    expect(items[0]!.quantity).toBe(18.5);
  });

  it('follows recorded capacity changes', () => {
    const items = deploymentCostForDay(
      { ...base, spec: realtime(), capacityChanges: [{ at: at('2026-02-05T12:00:00Z'), instanceCount: 5 }] },
      at('2026-02-05T00:00:00Z'),
      later,
    );
    expect(items[0]!.quantity).toBe(12 * 2 + 12 * 5);
  });

  it('prices a shadow variant until it ended, production on after it', () => {
    const deployment = {
      ...base,
      spec: realtime({ kind: 'SHADOW', shadowPercent: 50, days: 3 }),
      shadowEndedAt: at('2026-02-02T03:00:00Z'),
    };
    const onEndDay = deploymentCostForDay(deployment, at('2026-02-02T00:00:00Z'), later);
    expect(onEndDay.map((item) => [item.description, item.quantity])).toEqual([
      ['ml.m5.xlarge (production)', 48],
      ['ml.m5.xlarge (shadow variant)', 6],
    ]);
    const after = deploymentCostForDay(deployment, at('2026-02-03T00:00:00Z'), later);
    expect(after.map((item) => item.description)).toEqual(['ml.m5.xlarge (production)']);
  });

  it('keeps pricing a shadow variant that has not been ended yet', () => {
    const deployment = { ...base, spec: realtime({ kind: 'SHADOW', shadowPercent: 50, days: 1 }) };
    const items = deploymentCostForDay(deployment, at('2026-02-10T00:00:00Z'), later);
    expect(items).toHaveLength(2);
  });

  it('prices nothing for an endpoint that never came in service', () => {
    expect(
      deploymentCostForDay(
        { ...base, inServiceAt: null, spec: realtime() },
        at('2026-01-30T00:00:00Z'),
        later,
      ),
    ).toEqual([]);
  });

  it('prices a batch transform by its instances for the time the job ran', () => {
    const spec = {
      type: 'BATCH',
      modelVersionId: VERSION,
      environment: 'DEV',
      inputS3Uri: 's3://bucket/in',
      outputS3Uri: 's3://bucket/out',
      instanceType: 'ml.m5.large',
      instanceCount: 3,
    };
    const items = deploymentCostForDay(
      {
        spec,
        createdAt: at('2026-02-01T10:00:00Z'),
        inServiceAt: null,
        endedAt: at('2026-02-01T10:40:00Z'),
        shadowEndedAt: null,
      },
      at('2026-02-01T00:00:00Z'),
      later,
    );
    expect(items[0]).toMatchObject({ resourceKind: 'TRANSFORM', quantity: 2 });
    expect(items[0]!.amountUsd).toBeCloseTo(2 * price('ml.m5.large'));
  });

  it('prices serverless provisioned concurrency for the hours it ran and the inference served', () => {
    const spec = {
      type: 'SERVERLESS',
      modelVersionId: VERSION,
      environment: 'DEV',
      memorySizeMb: 2048,
      maxConcurrency: 10,
      provisionedConcurrency: 1,
    };
    const items = deploymentCostForDay(
      { ...base, spec, servedOnDay: { requests: 1000, avgDurationMs: 500 } },
      at('2026-02-01T00:00:00Z'),
      later,
    );
    expect(items.map((item) => item.quantity)).toEqual([2 * 24 * 3600, 1000]);
    expect(items[0]!.amountUsd).toBeCloseTo(
      2 * 86_400 * SERVERLESS_PRICES_USD.provisionedConcurrencyPerGbSecond,
    );
    expect(items[1]!.amountUsd).toBeCloseTo(1000 * SERVERLESS_PRICES_USD.provisionedComputePerGbSecond);
  });
});

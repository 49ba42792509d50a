import { describe, expect, it } from 'vitest';
import { metricRowsFromResults, planMetricQueries } from './metric-collection';

const minute = new Date('2026-11-25T12:00:00Z');

function answer(queries: ReturnType<typeof planMetricQueries>, values: Record<string, number>) {
  return new Map(
    queries.map((query) => {
      const value = values[`${query.metric}/${query.variant}`];
      return [query.id, value === undefined ? [] : [{ at: minute, value }]];
    }),
  );
}

describe('metric collection', () => {
  it('plans one query per metric and variant with CloudWatch dimensions, and one per drift feature', () => {
    const queries = planMetricQueries({
      endpointName: 'cairn-ep-1',
      productionVariants: ['primary'],
      shadowVariants: ['shadow'],
      driftFeatures: ['amount'],
    });
    expect(queries).toHaveLength(8 * 2 + 1);
    expect(new Set(queries.map((query) => query.id)).size).toBe(queries.length);
    expect(queries.every((query) => /^[a-z][a-zA-Z0-9_]*$/.test(query.id))).toBe(true);
    expect(
      queries.find((query) => query.metric === 'model_latency_p99' && query.variant === 'shadow'),
    ).toMatchObject({
      namespace: 'AWS/SageMaker',
      metricName: 'ModelLatency',
      stat: 'p99',
      dimensions: { EndpointName: 'cairn-ep-1', VariantName: 'shadow' },
    });
    expect(queries.at(-1)).toMatchObject({
      metric: 'drift:amount',
      metricName: 'feature_baseline_drift_amount',
      dimensions: { Endpoint: 'cairn-ep-1' },
    });
  });

  it('stores a single-variant endpoint as a whole, latency in ms, with the 5xx rate derived', () => {
    const endpoint = {
      endpointName: 'e',
      productionVariants: ['primary'],
      shadowVariants: [],
      driftFeatures: [],
    };
    const queries = planMetricQueries(endpoint);
    const rows = metricRowsFromResults(
      endpoint,
      queries,
      answer(queries, {
        'invocations/primary': 200,
        'invocation_5xx/primary': 10,
        'model_latency_p99/primary': 250_000,
      }),
    );
    const value = (metric: string, variant = '') =>
      rows.find((row) => row.metric === metric && row.variant === variant)?.value;
    expect(rows.every((row) => row.variant === '')).toBe(true);
    expect(value('invocations')).toBe(200);
    expect(value('model_latency_p99')).toBe(250);
    expect(value('error_rate_5xx')).toBe(5);
  });

  it('keeps each variant of an A/B or shadow endpoint, and rolls production variants (not the shadow) into the whole', () => {
    const endpoint = {
      endpointName: 'e',
      productionVariants: ['a', 'b'],
      shadowVariants: ['s'],
      driftFeatures: ['x', 'y'],
    };
    const queries = planMetricQueries(endpoint);
    const rows = metricRowsFromResults(
      endpoint,
      queries,
      answer(queries, {
        'invocations/a': 90,
        'invocations/b': 10,
        'invocations/s': 100,
        'invocation_5xx/a': 0,
        'invocation_5xx/b': 5,
        'invocation_5xx/s': 50,
        'model_latency_p50/a': 10_000,
        'model_latency_p50/b': 110_000,
        'drift:x/': 0.1,
        'drift:y/': 0.4,
      }),
    );
    const value = (metric: string, variant = '') =>
      rows.find((row) => row.metric === metric && row.variant === variant)?.value;
    expect(value('invocations')).toBe(100);
    expect(value('invocations', 's')).toBe(100);
    expect(value('error_rate_5xx')).toBe(5);
    expect(value('error_rate_5xx', 'b')).toBe(50);
    expect(value('error_rate_5xx', 's')).toBe(50);
    expect(value('model_latency_p50')).toBe(20);
    expect(value('drift:*')).toBe(0.4);
    expect(value('drift:x')).toBe(0.1);
  });
});

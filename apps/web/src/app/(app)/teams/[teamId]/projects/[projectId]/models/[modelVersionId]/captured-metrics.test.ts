import { describe, expect, it } from 'vitest';
import { readCapturedMetrics } from './captured-metrics';

describe('captured metrics of a model version', () => {
  it('decodes values kept as text, NaN and -0 included, sorted by key', () => {
    const metrics = readCapturedMetrics({
      loss: { value: '-0', step: '9', timestamp: '1764072000000' },
      accuracy: { value: 'NaN', step: '9', timestamp: '1764072000000' },
    });
    expect(metrics.map((metric) => metric.key)).toEqual(['accuracy', 'loss']);
    expect(metrics[0]?.value).toBeNaN();
    expect(Object.is(metrics[1]?.value, -0)).toBe(true);
    expect(metrics[1]?.step).toBe(9);
    expect(metrics[1]?.timestamp).toBe(1764072000000);
  });

  it('skips entries of another shape and reads nothing from a non-object', () => {
    expect(readCapturedMetrics({ auc: 0.9, f1: { value: '0.8' } })).toEqual([
      { key: 'f1', value: 0.8, step: null, timestamp: null },
    ]);
    expect(readCapturedMetrics(null)).toEqual([]);
    expect(readCapturedMetrics([])).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { BATCH_LIMITS, splitIntoBatches } from './batch';

const metrics = (n: number, key = 'loss') =>
  Array.from({ length: n }, (_, step) => ({
    key,
    value: step / 10,
    step,
    timestamp: 1_700_000_000_000 + step,
  }));
const kvs = (n: number, prefix: string) =>
  Array.from({ length: n }, (_, i) => ({ key: `${prefix}${i}`, value: 'v' }));

describe('splitIntoBatches', () => {
  it('keeps every batch within MLflow limits and loses nothing', () => {
    const data = { metrics: metrics(2_501), params: kvs(250, 'p'), tags: kvs(120, 't') };
    const batches = splitIntoBatches(data);
    for (const b of batches) {
      expect(b.metrics.length).toBeLessThanOrEqual(BATCH_LIMITS.metrics);
      expect(b.params.length).toBeLessThanOrEqual(BATCH_LIMITS.params);
      expect(b.tags.length).toBeLessThanOrEqual(BATCH_LIMITS.tags);
      expect(b.metrics.length + b.params.length + b.tags.length).toBeLessThanOrEqual(BATCH_LIMITS.items);
      expect(Buffer.byteLength(JSON.stringify({ run_id: 'x'.repeat(32), ...b }))).toBeLessThan(1_000_000);
    }
    expect(batches.flatMap((b) => b.metrics)).toHaveLength(2_501);
    expect(batches.flatMap((b) => b.params)).toHaveLength(250);
    expect(batches.flatMap((b) => b.tags)).toHaveLength(120);
  });

  it('splits on bytes when values are long', () => {
    const tags = Array.from({ length: 100 }, (_, i) => ({ key: `t${i}`, value: 'x'.repeat(7_999) }));
    const params = Array.from({ length: 100 }, (_, i) => ({ key: `p${i}`, value: 'y'.repeat(5_999) }));
    const batches = splitIntoBatches({ metrics: [], params, tags });
    for (const b of batches) expect(Buffer.byteLength(JSON.stringify(b))).toBeLessThan(BATCH_LIMITS.bytes);
    expect(batches.length).toBeGreaterThan(1);
  });

  it('sends NaN and the infinities as protobuf JSON strings', () => {
    const [batch] = splitIntoBatches({
      metrics: [
        { key: 'a', value: Number.NaN, step: 0, timestamp: 1 },
        { key: 'a', value: Number.NEGATIVE_INFINITY, step: 1, timestamp: 1 },
      ],
      params: [],
      tags: [],
    });
    expect(batch?.metrics.map((m) => m.value)).toEqual(['NaN', '-Infinity']);
  });
});

import { describe, expect, it } from 'vitest';
import { mergeSeries } from './merge-series';

describe('mergeSeries', () => {
  it('aligns two runs by step so one tooltip reads both', () => {
    const merged = mergeSeries([
      {
        id: 'a',
        label: 'a',
        color: '#000',
        steps: [0, 2],
        values: [1, 3],
      },
      {
        id: 'b',
        label: 'b',
        color: '#000',
        steps: [1, 2],
        values: [5, 6],
      },
    ]);
    expect(merged.rows).toEqual([
      { step: 0, a: 1 },
      { step: 1, b: 5 },
      { step: 2, a: 3, b: 6 },
    ]);
    expect(merged.nonFiniteCount).toBe(0);
  });

  it('leaves NaN and infinite values out of the lines and counts them', () => {
    const merged = mergeSeries([
      {
        id: 'a',
        label: 'a',
        color: '#000',
        steps: [0, 1, 2],
        values: [Number.NaN, Number.POSITIVE_INFINITY, 0.5],
      },
    ]);
    expect(merged.rows).toEqual([{ step: 2, a: 0.5 }]);
    expect(merged.nonFiniteCount).toBe(2);
  });
});

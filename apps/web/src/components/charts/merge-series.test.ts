import { describe, expect, it } from 'vitest';
import { mergeSeries } from './merge-series';

describe('mergeSeries', () => {
  it('aligns two runs by step so one tooltip reads both', () => {
    const merged = mergeSeries([
      {
        id: 'a',
        label: 'a',
        color: '#000',
        points: [
          { step: 0, value: 1 },
          { step: 2, value: 3 },
        ],
      },
      {
        id: 'b',
        label: 'b',
        color: '#000',
        points: [
          { step: 1, value: 5 },
          { step: 2, value: 6 },
        ],
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
        points: [
          { step: 0, value: Number.NaN },
          { step: 1, value: Number.POSITIVE_INFINITY },
          { step: 2, value: 0.5 },
        ],
      },
    ]);
    expect(merged.rows).toEqual([{ step: 2, a: 0.5 }]);
    expect(merged.nonFiniteCount).toBe(2);
  });
});

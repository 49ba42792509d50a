import { describe, expect, it } from 'vitest';
import { downsampleNote, formatMetricValue } from './format-metric';

describe('formatMetricValue', () => {
  it('keeps significant digits without trailing noise', () => {
    expect(formatMetricValue(0.912345678)).toBe('0.912346');
    expect(formatMetricValue(12)).toBe('12');
    expect(formatMetricValue(1234.5678, 3)).toBe('1230');
  });

  it('writes very large and very small values in exponent form', () => {
    expect(formatMetricValue(0.00001234)).toBe('1.234e-5');
    expect(formatMetricValue(3e12)).toBe('3e+12');
  });

  it('spells non-finite values as MLflow stores them', () => {
    expect(formatMetricValue(Number.NaN)).toBe('NaN');
    expect(formatMetricValue(Number.POSITIVE_INFINITY)).toBe('Infinity');
    expect(formatMetricValue(Number.NEGATIVE_INFINITY)).toBe('-Infinity');
  });
});

describe('downsampleNote', () => {
  it('says how many points were drawn out of how many', () => {
    expect(downsampleNote(2000, 1_000_000, true)).toBe('showing 2,000 of 1,000,000 points (downsampled)');
  });
  it('says nothing when every point is drawn', () => {
    expect(downsampleNote(150, 150, false)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { formatDelta, metricDelta } from './metric-delta';

describe('a metric against production', () => {
  it('calls a higher accuracy better and a higher loss worse', () => {
    expect(metricDelta('0.91', '0.89', 'higher').verdict).toBe('better');
    expect(metricDelta('0.31', '0.29', 'lower').verdict).toBe('worse');
    expect(metricDelta('0.25', '0.29', 'lower').verdict).toBe('better');
  });

  it('gives the delta as candidate minus production', () => {
    expect(metricDelta('0.5', '0.25', 'higher').delta).toBe(0.25);
    expect(metricDelta('2', '2', 'higher')).toEqual({ delta: 0, verdict: 'same' });
  });

  it('does not compare a missing or non-finite side', () => {
    expect(metricDelta('0.9', null, 'higher')).toEqual({ delta: null, verdict: 'incomparable' });
    expect(metricDelta(null, '0.9', 'higher')).toEqual({ delta: null, verdict: 'incomparable' });
    expect(metricDelta('NaN', '0.9', 'higher')).toEqual({ delta: null, verdict: 'incomparable' });
    expect(metricDelta('0.9', 'Infinity', 'lower')).toEqual({ delta: null, verdict: 'incomparable' });
  });

  it('formats deltas with a sign and without float noise', () => {
    expect(formatDelta(0.020000000000000018)).toBe('+0.02');
    expect(formatDelta(-3)).toBe('-3');
    expect(formatDelta(0)).toBe('0');
    expect(formatDelta(0.000123456)).toBe('+0.0001235');
  });
});

import { describe, expect, it } from 'vitest';
import {
  describeShadowWindow,
  formatDifference,
  productionAndShadowSeries,
} from './shadow-comparison-format';

describe('describeShadowWindow', () => {
  const window = {
    shadowPercent: 20,
    days: 7,
    endsAt: '2026-12-03T14:00:00Z',
    endedAt: null,
    isRunning: true,
  };

  it('says until when a running shadow copies requests, and when an ended one ended', () => {
    expect(describeShadowWindow(window)).toBe('Copying 20% of requests until 3 Dec, 14:00 UTC');
    expect(describeShadowWindow({ ...window, endedAt: '2026-12-03T14:02:00Z', isRunning: false })).toBe(
      'Copied 20% of requests; ended 3 Dec',
    );
  });
});

describe('formatDifference', () => {
  it('signs the difference and rounds it to three digits', () => {
    expect(formatDifference(12.3456)).toBe('+12.3%');
    expect(formatDifference(-25)).toBe('-25%');
    expect(formatDifference(null)).toBe('–');
  });
});

describe('productionAndShadowSeries', () => {
  it('keeps the endpoint as a whole (as production) and the shadow, not the production variants', () => {
    const series = ['', 'primary', 'shadow'].map((variant) => ({
      metric: 'invocations',
      label: 'Invocations',
      unit: 'count',
      group: 'traffic',
      variant,
      points: [],
    }));
    expect(productionAndShadowSeries(series).map((entry) => [entry.variant, entry.label])).toEqual([
      ['', 'Invocations · production'],
      ['shadow', 'Invocations'],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { slugify } from './slug';

describe('slugify', () => {
  it('makes lowercase dash-separated ascii', () => {
    expect(slugify('Card Fraud Scoring')).toBe('card-fraud-scoring');
    expect(slugify('  Crème brûlée / v2  ')).toBe('creme-brulee-v2');
  });

  it('never returns an empty or over-long slug', () => {
    expect(slugify('!!!')).toBe('untitled');
    const long = slugify('word '.repeat(40));
    expect(long.length).toBeLessThanOrEqual(60);
    expect(long.endsWith('-')).toBe(false);
  });
});

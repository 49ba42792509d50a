import { describe, expect, it } from 'vitest';
import { formatDuration, isSystemTag } from './run-format';

describe('formatDuration', () => {
  const start = new Date('2026-11-25T10:00:00Z');
  it('reads at the scale of the run', () => {
    expect(formatDuration(start, new Date('2026-11-25T10:00:12Z'))).toBe('12s');
    expect(formatDuration(start, new Date('2026-11-25T10:04:05Z'))).toBe('4m 05s');
    expect(formatDuration(start, new Date('2026-11-25T12:03:00Z'))).toBe('2h 03m');
    expect(formatDuration(start, new Date('2026-11-27T13:00:00Z'))).toBe('2d 03h');
  });
  it('counts a running run up to now', () => {
    expect(formatDuration(start, null, new Date('2026-11-25T10:01:00Z'))).toBe('1m 00s');
  });
});

describe('isSystemTag', () => {
  it('tells MLflow bookkeeping tags from the team’s own', () => {
    expect(isSystemTag('mlflow.runName')).toBe(true);
    expect(isSystemTag('team')).toBe(false);
  });
});

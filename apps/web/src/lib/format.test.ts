import { describe, expect, it } from 'vitest';
import { formatRelative, formatUtc, initials } from './format';

describe('format', () => {
  it('makes initials from first and last name', () => {
    expect(initials('Ada Admin')).toBe('AA');
    expect(initials('Elena Maria Engineer')).toBe('EE');
    expect(initials('olga')).toBe('OL');
    expect(initials('   ')).toBe('?');
  });

  it('formats instants in UTC', () => {
    expect(formatUtc(new Date('2026-01-02T03:04:05Z'))).toBe('2026-01-02 03:04:05 UTC');
    expect(formatUtc(null)).toBe('—');
  });

  it('says never for a missing time', () => {
    const now = new Date('2026-01-02T03:04:05Z');
    expect(formatRelative(null, now)).toBe('never');
    expect(formatRelative(new Date('2026-01-02T03:01:05Z'), now)).toBe('3 minutes ago');
  });
});

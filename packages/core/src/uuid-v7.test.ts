import { describe, expect, it } from 'vitest';
import { uuidV7 } from './uuid-v7';

describe('uuidV7', () => {
  it('is a version 7, variant 10 UUID', () => {
    expect(uuidV7()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('sorts by creation time, as keyset pagination on ids expects', () => {
    const earlier = uuidV7(Date.UTC(2026, 0, 1));
    const later = uuidV7(Date.UTC(2026, 0, 1) + 1);
    expect(earlier < later).toBe(true);
    // 2026-01-01T00:00:00Z is 0x019b76daa800 milliseconds.
    expect(earlier.slice(0, 13)).toBe('019b76da-a800');
  });
});

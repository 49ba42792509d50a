import { describe, expect, it } from 'vitest';
import { createClock } from './clock';

describe('sim clock', () => {
  it('moves forward by what it is told, and never back', () => {
    const clock = createClock(0.01);
    const before = clock.now();
    const moved = clock.advance(30 * 60_000);
    expect(moved - before).toBeGreaterThanOrEqual(30 * 60_000);
    expect(clock.now()).toBeGreaterThanOrEqual(moved);
    // Durations scale from the moved time, so a rollout started after the move ends after it too.
    expect(clock.after(100)).toBeGreaterThanOrEqual(moved + 1000);
    expect(() => clock.advance(-1)).toThrow('only moves forward');
  });
});

import { describe, expect, it } from 'vitest';
import { instanceHoursWithin, overlapHours } from './running-hours';

const at = (iso: string) => new Date(iso);
const day = { from: at('2026-03-10T00:00:00Z'), to: at('2026-03-11T00:00:00Z') };

describe('overlapHours', () => {
  it('counts partial hours inside the window and nothing outside it', () => {
    expect(overlapHours({ from: at('2026-03-10T22:30:00Z'), to: at('2026-03-11T03:00:00Z') }, day)).toBe(1.5);
    expect(overlapHours({ from: at('2026-03-09T00:00:00Z'), to: at('2026-03-10T00:00:00Z') }, day)).toBe(0);
  });
});

describe('instanceHoursWithin', () => {
  it('uses the initial count when no scaling happened', () => {
    const running = { from: at('2026-03-10T06:00:00Z'), to: at('2026-03-20T00:00:00Z') };
    expect(instanceHoursWithin(running, day, 2)).toBe(36);
  });

  it('follows scale-out and scale-in events within the day', () => {
    const running = { from: at('2026-03-01T00:00:00Z'), to: at('2026-04-01T00:00:00Z') };
    const changes = [
      { at: at('2026-03-10T08:00:00Z'), instanceCount: 4 },
      { at: at('2026-03-10T20:00:00Z'), instanceCount: 1 },
    ];
    // 8 h x 2 + 12 h x 4 + 4 h x 1
    expect(instanceHoursWithin(running, day, 2, changes)).toBe(68);
  });

  it('applies a change made before the day for the whole day, in any order given', () => {
    const running = { from: at('2026-03-01T00:00:00Z'), to: at('2026-04-01T00:00:00Z') };
    const changes = [
      { at: at('2026-03-10T12:00:00Z'), instanceCount: 1 },
      { at: at('2026-03-05T00:00:00Z'), instanceCount: 3 },
    ];
    expect(instanceHoursWithin(running, day, 1, changes)).toBe(12 * 3 + 12 * 1);
  });

  it('ignores a change after the fleet stopped', () => {
    const running = { from: at('2026-03-10T00:00:00Z'), to: at('2026-03-10T10:00:00Z') };
    const changes = [{ at: at('2026-03-10T12:00:00Z'), instanceCount: 5 }];
    expect(instanceHoursWithin(running, day, 2, changes)).toBe(20);
  });
});

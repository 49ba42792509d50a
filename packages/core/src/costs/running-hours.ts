import { HOUR_MS } from './cost-calendar';

/** A span of time, end exclusive. */
export interface TimeSpan {
  from: Date;
  to: Date;
}

/** Hours two spans share (0 when they do not meet). */
export function overlapHours(a: TimeSpan, b: TimeSpan): number {
  const from = Math.max(a.from.getTime(), b.from.getTime());
  const to = Math.min(a.to.getTime(), b.to.getTime());
  return Math.max(0, to - from) / HOUR_MS;
}

/** An instance count taking effect at a moment (a scaling event). */
export interface CapacityChange {
  at: Date;
  instanceCount: number;
}

/**
 * Instance-hours a fleet ran within `window`: it ran `initialCount` instances over `running` until
 * the first capacity change, then each change's count until the next one. Changes outside
 * `running` only matter for the count they leave behind.
 */
export function instanceHoursWithin(
  running: TimeSpan,
  window: TimeSpan,
  initialCount: number,
  changes: readonly CapacityChange[] = [],
): number {
  const ordered = [...changes].sort((a, b) => a.at.getTime() - b.at.getTime());
  let count = initialCount;
  let from = running.from;
  let total = 0;
  for (const change of ordered) {
    if (change.at.getTime() <= from.getTime()) {
      count = change.instanceCount;
      continue;
    }
    const to = new Date(Math.min(change.at.getTime(), running.to.getTime()));
    total += count * overlapHours({ from, to }, window);
    if (change.at.getTime() >= running.to.getTime()) return total;
    from = change.at;
    count = change.instanceCount;
  }
  return total + count * overlapHours({ from, to: running.to }, window);
}

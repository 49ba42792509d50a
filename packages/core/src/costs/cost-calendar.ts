/** UTC calendar arithmetic for cost days and budget months. Days are the Date at 00:00 UTC. */

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** The UTC day containing `at`, as its midnight. */
export function utcDay(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}

export function addDays(day: Date, days: number): Date {
  return new Date(day.getTime() + days * DAY_MS);
}

/** The first day (UTC) of the month containing `at`. */
export function monthStart(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
}

/** The first day of the month after the one containing `at`. */
export function nextMonthStart(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));
}

export function daysInMonth(at: Date): number {
  return Math.round((nextMonthStart(at).getTime() - monthStart(at).getTime()) / DAY_MS);
}

/** Every UTC day from `from` to `to`, both included (in day terms), oldest first. */
export function eachDay(from: Date, to: Date): Date[] {
  const days: Date[] = [];
  for (let day = utcDay(from); day.getTime() <= utcDay(to).getTime(); day = addDays(day, 1)) days.push(day);
  return days;
}

/** `YYYY-MM-DD` of a UTC day. */
export function isoDay(day: Date): string {
  return day.toISOString().slice(0, 10);
}

/** Parses `YYYY-MM-DD` as that UTC day. */
export function parseIsoDay(value: string): Date {
  return new Date(`${value}T00:00:00.000Z`);
}

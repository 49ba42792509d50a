import { eachDay, isoDay, monthStart, nextMonthStart, parseIsoDay } from '@cairn/core/costs/cost-calendar';

/**
 * The month a cost page shows (any day in it, YYYY-MM-DD; the current month without one), its day
 * range, and the moment its forecast is made at: now for the current month, its end for a past one.
 */
export function costMonth(month: string | undefined, now: Date) {
  const start = monthStart(month ? parseIsoDay(month) : now);
  const end = nextMonthStart(start);
  const asOf = now.getTime() < end.getTime() ? now : end;
  return { start, end, asOf };
}

/** Every day of the month up to `asOf` (YYYY-MM-DD), so a chart shows the days nothing was spent. */
export function daysSoFar(start: Date, asOf: Date): string[] {
  if (asOf.getTime() <= start.getTime()) return [];
  return eachDay(start, asOf)
    .filter((day) => day.getTime() < asOf.getTime())
    .map(isoDay);
}

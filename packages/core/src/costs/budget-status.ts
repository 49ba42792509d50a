import { DAY_MS, daysInMonth, monthStart } from './cost-calendar';

export const DEFAULT_THRESHOLDS_PERCENT = [50, 80, 100] as const;

/**
 * The month's spend at its end if the days still to come cost what the elapsed ones did on
 * average: month-to-date / elapsed days x days in the month. Elapsed days count today as the
 * fraction of it that has passed, so the forecast does not jump at midnight.
 */
export function forecastMonthEndUsd(monthToDateUsd: number, now: Date): number {
  const elapsedDays = (now.getTime() - monthStart(now).getTime()) / DAY_MS;
  if (elapsedDays <= 0) return monthToDateUsd;
  return (monthToDateUsd / elapsedDays) * daysInMonth(now);
}

/** The thresholds (percent of the budget) that month-to-date spend has reached, lowest first. */
export function reachedThresholds(spentUsd: number, budgetUsd: number, thresholdsPercent: readonly number[]) {
  if (budgetUsd <= 0) return [];
  return [...new Set(thresholdsPercent)]
    .filter((percent) => spentUsd >= (budgetUsd * percent) / 100)
    .sort((a, b) => a - b);
}

export function percentOfBudget(spentUsd: number, budgetUsd: number): number | null {
  return budgetUsd > 0 ? (spentUsd / budgetUsd) * 100 : null;
}

export const ALERT_COMPARATORS = [
  'GREATER_THAN',
  'GREATER_THAN_OR_EQUAL',
  'LESS_THAN',
  'LESS_THAN_OR_EQUAL',
] as const;
export type AlertComparator = (typeof ALERT_COMPARATORS)[number];

export const ALERT_STATISTICS = ['Average', 'Maximum', 'Minimum', 'Sum'] as const;
export type AlertStatistic = (typeof ALERT_STATISTICS)[number];

export const ALERT_SEVERITIES = ['INFO', 'WARNING', 'CRITICAL'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

export const COMPARATOR_SYMBOL: Record<AlertComparator, string> = {
  GREATER_THAN: '>',
  GREATER_THAN_OR_EQUAL: '≥',
  LESS_THAN: '<',
  LESS_THAN_OR_EQUAL: '≤',
};

export interface RuleCondition {
  statistic: string;
  comparator: AlertComparator;
  threshold: number;
  windowMinutes: number;
  evaluationPeriods: number;
}

export interface MinutePoint {
  minute: Date;
  value: number;
}

export interface OpenAlertState {
  lastValue: number;
}

export type AlertEvaluation =
  | { kind: 'fire'; value: number; windows: (number | null)[] }
  | { kind: 'update'; value: number }
  | { kind: 'resolve'; value: number }
  | { kind: 'nothing'; reason: string };

export interface EvaluateOptions {
  /** When the rule's previous alert on this deployment resolved, for the re-fire cooldown. */
  lastResolvedAt?: Date | null;
  /** Minutes after a resolve during which the rule does not fire again; defaults to one evaluation span. */
  cooldownMinutes?: number;
}

const MINUTE_MS = 60_000;

export function statisticOf(values: number[], statistic: string): number {
  switch (statistic) {
    case 'Maximum':
      return Math.max(...values);
    case 'Minimum':
      return Math.min(...values);
    case 'Sum':
      return values.reduce((sum, value) => sum + value, 0);
    default:
      return values.reduce((sum, value) => sum + value, 0) / values.length;
  }
}

export function breaches(comparator: AlertComparator, value: number, threshold: number): boolean {
  switch (comparator) {
    case 'GREATER_THAN':
      return value > threshold;
    case 'GREATER_THAN_OR_EQUAL':
      return value >= threshold;
    case 'LESS_THAN':
      return value < threshold;
    case 'LESS_THAN_OR_EQUAL':
      return value <= threshold;
  }
}

/**
 * The rule's statistic for each of its evaluation windows, newest first: window k holds the minutes
 * in [now - (k+1)·window, now - k·window). A window without a point is null (missing data), which
 * neither breaches nor clears.
 */
export function windowValues(
  rule: RuleCondition,
  points: readonly MinutePoint[],
  now: Date,
): (number | null)[] {
  const windowMs = rule.windowMinutes * MINUTE_MS;
  const end = now.getTime();
  const buckets: number[][] = Array.from({ length: rule.evaluationPeriods }, () => []);
  for (const point of points) {
    const age = end - point.minute.getTime();
    if (age <= 0) continue;
    const index = Math.floor((age - 1) / windowMs);
    if (index < rule.evaluationPeriods) buckets[index]?.push(point.value);
  }
  return buckets.map((values) => (values.length === 0 ? null : statisticOf(values, rule.statistic)));
}

/**
 * What to do about one rule on one deployment, given its per-minute points (newest last), the open
 * alert (firing or acknowledged) if any, and the time. Fires when every evaluation window breaches;
 * resolves only once every window is clear (as many periods as it took to fire), so a value hovering
 * at the threshold does not flap; does not fire again within the cooldown after a resolve.
 */
export function evaluateAlertRule(
  rule: RuleCondition,
  pointsNewestLast: readonly MinutePoint[],
  openAlert: OpenAlertState | null,
  now: Date,
  options: EvaluateOptions = {},
): AlertEvaluation {
  const windows = windowValues(rule, pointsNewestLast, now);
  const latest = windows[0] ?? null;
  const isBreaching = windows.every(
    (value) => value !== null && breaches(rule.comparator, value, rule.threshold),
  );
  const isClear = windows.every(
    (value) => value !== null && !breaches(rule.comparator, value, rule.threshold),
  );
  if (openAlert) {
    if (latest === null) return { kind: 'nothing', reason: 'No data in the latest window' };
    if (isClear) return { kind: 'resolve', value: latest };
    if (latest !== openAlert.lastValue) return { kind: 'update', value: latest };
    return { kind: 'nothing', reason: 'Still breaching, value unchanged' };
  }
  if (!isBreaching || latest === null) {
    return { kind: 'nothing', reason: windows.includes(null) ? 'Missing data in a window' : 'Not breaching' };
  }
  const cooldownMinutes = options.cooldownMinutes ?? rule.windowMinutes * rule.evaluationPeriods;
  const resolvedAt = options.lastResolvedAt?.getTime();
  if (resolvedAt !== undefined && now.getTime() - resolvedAt < cooldownMinutes * MINUTE_MS) {
    return { kind: 'nothing', reason: 'Resolved recently; within the cooldown' };
  }
  return { kind: 'fire', value: latest, windows };
}

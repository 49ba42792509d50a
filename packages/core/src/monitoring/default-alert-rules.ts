import type { AlertComparator, AlertSeverity, AlertStatistic } from './evaluate-alert-rule';
import { MAX_DRIFT_METRIC } from './metric-catalogue';

export interface AlertRuleTemplate {
  name: string;
  metric: string;
  statistic: AlertStatistic;
  comparator: AlertComparator;
  threshold: number;
  windowMinutes: number;
  evaluationPeriods: number;
  severity: AlertSeverity;
}

/**
 * The rules every new endpoint deployment starts with; engineers may change or disable them. The
 * 5xx rule looks at one-minute windows so that, as a canary's rollback alarm, it trips within a
 * short bake (three bad minutes in a row) rather than after ten.
 */
export const DEFAULT_ALERT_RULES: readonly AlertRuleTemplate[] = [
  {
    name: '5xx error rate above 1%',
    metric: 'error_rate_5xx',
    statistic: 'Average',
    comparator: 'GREATER_THAN',
    threshold: 1,
    windowMinutes: 1,
    evaluationPeriods: 3,
    severity: 'CRITICAL',
  },
  {
    name: 'p99 model latency above 1 s',
    metric: 'model_latency_p99',
    statistic: 'Average',
    comparator: 'GREATER_THAN',
    threshold: 1000,
    windowMinutes: 5,
    evaluationPeriods: 3,
    severity: 'WARNING',
  },
  {
    name: 'Feature drift above 0.3',
    metric: MAX_DRIFT_METRIC,
    statistic: 'Average',
    comparator: 'GREATER_THAN',
    threshold: 0.3,
    windowMinutes: 60,
    evaluationPeriods: 1,
    severity: 'WARNING',
  },
];

import { type AlertComparator, COMPARATOR_SYMBOL } from '@cairn/core/monitoring/evaluate-alert-rule';
import { describeMetric, formatMetricValue } from '@cairn/core/monitoring/metric-catalogue';

export interface RuleConditionFields {
  metric: string;
  statistic: string;
  comparator: AlertComparator;
  threshold: number;
  windowMinutes: number;
  evaluationPeriods: number;
}

/** "5xx error rate > 1% (Average of 5 min, 2 periods in a row)". */
export function ruleConditionText(rule: RuleConditionFields): string {
  const label = describeMetric(rule.metric)?.label ?? rule.metric;
  const periods = rule.evaluationPeriods === 1 ? '1 period' : `${rule.evaluationPeriods} periods in a row`;
  return `${label} ${COMPARATOR_SYMBOL[rule.comparator]} ${formatMetricValue(rule.metric, rule.threshold)} (${rule.statistic} of ${rule.windowMinutes} min, ${periods})`;
}

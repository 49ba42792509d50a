import type { AlertComparator, RuleCondition } from './evaluate-alert-rule';
import {
  type CloudWatchSource,
  describeMetric,
  INVOCATION_NAMESPACE,
  MAX_DRIFT_METRIC,
} from './metric-catalogue';

export type AlarmComparison =
  | 'GreaterThanThreshold'
  | 'GreaterThanOrEqualToThreshold'
  | 'LessThanThreshold'
  | 'LessThanOrEqualToThreshold';

const COMPARISON: Record<AlertComparator, AlarmComparison> = {
  GREATER_THAN: 'GreaterThanThreshold',
  GREATER_THAN_OR_EQUAL: 'GreaterThanOrEqualToThreshold',
  LESS_THAN: 'LessThanThreshold',
  LESS_THAN_OR_EQUAL: 'LessThanOrEqualToThreshold',
};

export interface AlarmMetric {
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
}

/** One metric and statistic, or metric math over MetricStat queries with one expression returned. */
export type AlarmSubject =
  | { kind: 'metric'; metric: AlarmMetric; statistic?: string; extendedStatistic?: string }
  | {
      kind: 'math';
      queries: { id: string; metric: AlarmMetric; stat: string }[];
      expression: { id: string; expression: string; label: string };
    };

/** A CloudWatch metric alarm that breaches when the rule would fire, as far as CloudWatch can say. */
export interface RuleAlarmDefinition {
  subject: AlarmSubject;
  periodSeconds: number;
  evaluationPeriods: number;
  datapointsToAlarm: number;
  comparison: AlarmComparison;
  threshold: number;
  treatMissingData: 'notBreaching';
}

export type RuleAlarmPlan =
  | { canMirror: true; alarm: RuleAlarmDefinition }
  | { canMirror: false; reason: string };

export interface RuleAlarmTarget {
  endpointName: string;
  variantName: string;
}

const STANDARD_STATISTICS = new Set(['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum']);

const cannot = (reason: string): RuleAlarmPlan => ({ canMirror: false, reason });

/**
 * The CloudWatch statistic over a whole window that matches Cairn's statistic over that window's
 * per-minute values, with the factor the threshold takes. Exact for one-minute windows; for longer
 * ones an average of per-minute sums is the window's sum over its minutes, an average of per-minute
 * averages is the window's average, and the extremes of samples bound the extremes of minutes.
 */
function windowStatistic(
  source: CloudWatchSource,
  rule: RuleCondition,
): { stat: string; thresholdFactor: number } | { reason: string } {
  if (rule.windowMinutes === 1 || !STANDARD_STATISTICS.has(source.stat)) {
    // A percentile over the whole window is the closest CloudWatch has to any statistic of per-minute percentiles.
    return { stat: source.stat, thresholdFactor: 1 };
  }
  if (source.stat === 'Sum') {
    if (rule.statistic === 'Sum') return { stat: 'Sum', thresholdFactor: 1 };
    if (rule.statistic === 'Average') return { stat: 'Sum', thresholdFactor: rule.windowMinutes };
    return { reason: `CloudWatch cannot take the ${rule.statistic.toLowerCase()} of per-minute sums` };
  }
  if (source.stat === 'Average') {
    if (rule.statistic === 'Sum') return { stat: 'Average', thresholdFactor: 1 / rule.windowMinutes };
    return { stat: rule.statistic, thresholdFactor: 1 };
  }
  return {
    reason: `CloudWatch cannot take the ${rule.statistic.toLowerCase()} of per-minute ${source.stat}`,
  };
}

function errorRateAlarm(
  rule: RuleCondition,
  target: RuleAlarmTarget,
  common: Omit<RuleAlarmDefinition, 'subject' | 'threshold'>,
): RuleAlarmPlan {
  if (rule.windowMinutes > 1 && rule.statistic !== 'Average') {
    return cannot(`CloudWatch cannot take the ${rule.statistic.toLowerCase()} of per-minute 5xx rates`);
  }
  const metric = (metricName: string): AlarmMetric => ({
    namespace: INVOCATION_NAMESPACE,
    metricName,
    dimensions: { EndpointName: target.endpointName, VariantName: target.variantName },
  });
  return {
    canMirror: true,
    alarm: {
      ...common,
      threshold: rule.threshold,
      subject: {
        kind: 'math',
        queries: [
          { id: 'errors', metric: metric('Invocation5XXErrors'), stat: 'Sum' },
          { id: 'invocations', metric: metric('Invocations'), stat: 'Sum' },
        ],
        expression: { id: 'rate', expression: '100 * errors / invocations', label: '5xx error rate (%)' },
      },
    },
  };
}

/**
 * The CloudWatch alarm that mirrors an alert rule on one endpoint variant: the window is the period,
 * every evaluation period must breach (as Cairn fires only when every window breaches), missing data
 * never breaches, and the threshold is converted into CloudWatch's unit. Answers why when CloudWatch
 * cannot express the rule.
 */
export function ruleAlarmDefinition(
  rule: RuleCondition & { metric: string },
  target: RuleAlarmTarget,
): RuleAlarmPlan {
  if (rule.metric === MAX_DRIFT_METRIC) {
    return cannot('The largest drift of all features is not one CloudWatch metric');
  }
  const definition = describeMetric(rule.metric);
  if (!definition) return cannot(`Unknown metric ${rule.metric}`);
  const common = {
    periodSeconds: rule.windowMinutes * 60,
    evaluationPeriods: rule.evaluationPeriods,
    datapointsToAlarm: rule.evaluationPeriods,
    comparison: COMPARISON[rule.comparator],
    treatMissingData: 'notBreaching' as const,
  };
  if (definition.key === 'error_rate_5xx') return errorRateAlarm(rule, target, common);
  const { source } = definition;
  if (!source) return cannot(`${definition.label} is derived by Cairn, not read from CloudWatch`);
  const statistic = windowStatistic(source, rule);
  if ('reason' in statistic) return cannot(statistic.reason);
  const dimensions: Record<string, string> =
    source.dimensions === 'variant'
      ? { EndpointName: target.endpointName, VariantName: target.variantName }
      : { Endpoint: target.endpointName };
  const isStandard = STANDARD_STATISTICS.has(statistic.stat);
  return {
    canMirror: true,
    alarm: {
      ...common,
      // Cairn's value is CloudWatch's times the scale, so CloudWatch's threshold is Cairn's over it.
      threshold: Number(((rule.threshold * statistic.thresholdFactor) / source.scale).toPrecision(12)),
      subject: {
        kind: 'metric',
        metric: { namespace: source.namespace, metricName: source.metricName, dimensions },
        ...(isStandard ? { statistic: statistic.stat } : { extendedStatistic: statistic.stat }),
      },
    },
  };
}

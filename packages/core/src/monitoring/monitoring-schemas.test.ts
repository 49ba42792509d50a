import { describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_RULES } from './default-alert-rules';
import { describeMetric, formatMetricValue, isKnownMetric } from './metric-catalogue';
import { acknowledgeAlertInput, createAlertRuleInput, updateAlertRuleInput } from './monitoring-schemas';
import { errorRatePercent, rollupVariants } from './variant-rollup';

const ids = {
  teamId: '0193f1c2-1111-7000-8000-000000000001',
  projectId: '0193f1c2-1111-7000-8000-000000000002',
};
const valid = {
  ...ids,
  name: 'Latency',
  metric: 'model_latency_p99',
  statistic: 'Average',
  comparator: 'GREATER_THAN',
  threshold: 500,
  windowMinutes: 5,
  evaluationPeriods: 3,
  severity: 'WARNING',
};

function firstMessage(result: {
  success: boolean;
  error?: { issues: { message: string; path: PropertyKey[] }[] };
}) {
  return result.error?.issues[0];
}

describe('alert rule input', () => {
  it('accepts a valid rule and makes it project-wide and enabled by default', () => {
    const parsed = createAlertRuleInput.parse(valid);
    expect(parsed).toMatchObject({ deploymentId: null, isEnabled: true });
  });

  it.each([
    [{ metric: 'latency' }, 'metric', 'Metric must be one of'],
    [{ metric: 'drift:' }, 'metric', 'Metric must be one of'],
    [{ statistic: 'p99' }, 'statistic', 'Statistic must be one of Average, Maximum, Minimum, Sum'],
    [{ comparator: '>' }, 'comparator', 'Comparator must be one of'],
    [{ threshold: Number.NaN }, 'threshold', 'Threshold must be'],
    [{ windowMinutes: 0 }, 'windowMinutes', 'Window must be at least 1 minute'],
    [{ windowMinutes: 2.5 }, 'windowMinutes', 'Window must be a whole number of minutes'],
    [{ evaluationPeriods: 11 }, 'evaluationPeriods', 'Evaluation periods must be at most 10'],
    [{ windowMinutes: 600, evaluationPeriods: 3 }, 'evaluationPeriods', 'Window times evaluation periods'],
    [{ severity: 'PAGE' }, 'severity', 'Severity must be one of INFO, WARNING, CRITICAL'],
    [{ name: '  ' }, 'name', 'Name is required'],
  ])('refuses %o on %s with a sentence', (patch, field, message) => {
    const issue = firstMessage(createAlertRuleInput.safeParse({ ...valid, ...patch }));
    expect(issue?.path).toEqual([field]);
    expect(issue?.message).toContain(message);
  });

  it('checks the span of an update too', () => {
    const issue = firstMessage(
      updateAlertRuleInput.safeParse({
        teamId: ids.teamId,
        ruleId: ids.projectId,
        windowMinutes: 1440,
        evaluationPeriods: 2,
      }),
    );
    expect(issue?.message).toContain('at most one day');
  });

  it('requires a note to acknowledge', () => {
    const issue = firstMessage(
      acknowledgeAlertInput.safeParse({ teamId: ids.teamId, alertId: ids.projectId, note: ' ' }),
    );
    expect(issue?.message).toBe('Say what you are doing about the alert');
  });

  it('defaults are valid rules', () => {
    for (const rule of DEFAULT_ALERT_RULES) {
      expect(createAlertRuleInput.safeParse({ ...ids, ...rule }).success).toBe(true);
    }
    expect(
      DEFAULT_ALERT_RULES.map((rule) => [
        rule.metric,
        rule.threshold,
        rule.windowMinutes,
        rule.evaluationPeriods,
        rule.severity,
      ]),
    ).toEqual([
      ['error_rate_5xx', 1, 1, 3, 'CRITICAL'],
      ['model_latency_p99', 1000, 5, 3, 'WARNING'],
      ['drift:*', 0.3, 60, 1, 'WARNING'],
    ]);
  });
});

describe('metric catalogue', () => {
  it('maps metrics to CloudWatch with the unit conversion', () => {
    expect(describeMetric('model_latency_p99')?.source).toMatchObject({
      namespace: 'AWS/SageMaker',
      metricName: 'ModelLatency',
      stat: 'p99',
      scale: 0.001,
    });
    expect(describeMetric('drift:amount')?.source).toMatchObject({
      namespace: 'aws/sagemaker/Endpoints/data-metrics',
      metricName: 'feature_baseline_drift_amount',
      dimensions: 'endpoint',
    });
    expect(describeMetric('error_rate_5xx')?.source).toBeNull();
    expect(isKnownMetric('quality:auc')).toBe(true);
    expect(isKnownMetric('drift:bad name')).toBe(false);
    expect(formatMetricValue('error_rate_5xx', 12.345)).toBe('12.35%');
    expect(formatMetricValue('model_latency_p99', 1234.5)).toBe('1235 ms');
  });

  it('rolls variants up into the endpoint', () => {
    const variants = [
      { value: 100, invocations: 90 },
      { value: 300, invocations: 10 },
    ];
    expect(rollupVariants('sum', variants)).toBe(400);
    expect(rollupVariants('weighted', variants)).toBe(120);
    expect(rollupVariants('max', variants)).toBe(300);
    expect(rollupVariants('mean', variants)).toBe(200);
    expect(rollupVariants('sum', [])).toBeNull();
    expect(errorRatePercent(3, 60)).toBe(5);
    expect(errorRatePercent(0, 0)).toBeNull();
  });
});

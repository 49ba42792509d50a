import { describe, expect, it } from 'vitest';
import type { AlertComparator, AlertStatistic } from './evaluate-alert-rule';
import { ruleAlarmDefinition } from './rule-alarm';

const target = { endpointName: 'cairn-ep-1', variantName: 'primary' };
const variant = { EndpointName: 'cairn-ep-1', VariantName: 'primary' };

function rule(
  metric: string,
  overrides: Partial<{
    statistic: AlertStatistic;
    comparator: AlertComparator;
    threshold: number;
    windowMinutes: number;
    evaluationPeriods: number;
  }> = {},
) {
  return {
    metric,
    statistic: 'Average' as AlertStatistic,
    comparator: 'GREATER_THAN' as AlertComparator,
    threshold: 1,
    windowMinutes: 1,
    evaluationPeriods: 1,
    ...overrides,
  };
}

describe('ruleAlarmDefinition', () => {
  it.each([
    {
      name: 'p99 latency in ms becomes microseconds as an extended statistic',
      rule: rule('model_latency_p99', { threshold: 1000, windowMinutes: 5, evaluationPeriods: 3 }),
      subject: {
        kind: 'metric',
        metric: { namespace: 'AWS/SageMaker', metricName: 'ModelLatency', dimensions: variant },
        extendedStatistic: 'p99',
      },
      threshold: 1_000_000,
      periodSeconds: 300,
      evaluationPeriods: 3,
    },
    {
      name: 'an average of per-minute counts is the window sum over its minutes',
      rule: rule('invocation_5xx', { threshold: 5, windowMinutes: 10 }),
      subject: {
        kind: 'metric',
        metric: { namespace: 'AWS/SageMaker', metricName: 'Invocation5XXErrors', dimensions: variant },
        statistic: 'Sum',
      },
      threshold: 50,
      periodSeconds: 600,
      evaluationPeriods: 1,
    },
    {
      name: 'a sum of counts stays a sum',
      rule: rule('invocations', {
        statistic: 'Sum',
        comparator: 'LESS_THAN',
        threshold: 10,
        windowMinutes: 5,
      }),
      subject: {
        kind: 'metric',
        metric: { namespace: 'AWS/SageMaker', metricName: 'Invocations', dimensions: variant },
        statistic: 'Sum',
      },
      threshold: 10,
      periodSeconds: 300,
      evaluationPeriods: 1,
    },
    {
      name: 'the maximum of per-minute CPU averages reads the samples maximum',
      rule: rule('cpu_utilization', {
        statistic: 'Maximum',
        threshold: 90,
        windowMinutes: 5,
        evaluationPeriods: 2,
      }),
      subject: {
        kind: 'metric',
        metric: { namespace: '/aws/sagemaker/Endpoints', metricName: 'CPUUtilization', dimensions: variant },
        statistic: 'Maximum',
      },
      threshold: 90,
      periodSeconds: 300,
      evaluationPeriods: 2,
    },
    {
      name: 'one feature drift reads Model Monitor on the endpoint',
      rule: rule('drift:age', { threshold: 0.3, windowMinutes: 60 }),
      subject: {
        kind: 'metric',
        metric: {
          namespace: 'aws/sagemaker/Endpoints/data-metrics',
          metricName: 'feature_baseline_drift_age',
          dimensions: { Endpoint: 'cairn-ep-1' },
        },
        statistic: 'Average',
      },
      threshold: 0.3,
      periodSeconds: 3600,
      evaluationPeriods: 1,
    },
    {
      name: 'the 5xx rate is metric math over errors and invocations',
      rule: rule('error_rate_5xx', {
        comparator: 'GREATER_THAN_OR_EQUAL',
        threshold: 1,
        windowMinutes: 5,
        evaluationPeriods: 2,
      }),
      subject: {
        kind: 'math',
        queries: [
          {
            id: 'errors',
            metric: { namespace: 'AWS/SageMaker', metricName: 'Invocation5XXErrors', dimensions: variant },
            stat: 'Sum',
          },
          {
            id: 'invocations',
            metric: { namespace: 'AWS/SageMaker', metricName: 'Invocations', dimensions: variant },
            stat: 'Sum',
          },
        ],
        expression: { id: 'rate', expression: '100 * errors / invocations', label: '5xx error rate (%)' },
      },
      threshold: 1,
      periodSeconds: 300,
      evaluationPeriods: 2,
    },
  ])('$name', ({ rule: alertRule, subject, threshold, periodSeconds, evaluationPeriods }) => {
    const plan = ruleAlarmDefinition(alertRule, target);
    expect(plan).toEqual({
      canMirror: true,
      alarm: {
        subject,
        threshold,
        periodSeconds,
        evaluationPeriods,
        datapointsToAlarm: evaluationPeriods,
        comparison: {
          GREATER_THAN: 'GreaterThanThreshold',
          GREATER_THAN_OR_EQUAL: 'GreaterThanOrEqualToThreshold',
          LESS_THAN: 'LessThanThreshold',
          LESS_THAN_OR_EQUAL: 'LessThanOrEqualToThreshold',
        }[alertRule.comparator],
        treatMissingData: 'notBreaching',
      },
    });
  });

  it.each([
    { name: 'the drift wildcard', rule: rule('drift:*'), reason: /not one CloudWatch metric/ },
    {
      name: 'the maximum of per-minute sums',
      rule: rule('invocations', { statistic: 'Maximum', windowMinutes: 5 }),
      reason: /maximum of per-minute sums/,
    },
    {
      name: 'the sum of per-minute 5xx rates',
      rule: rule('error_rate_5xx', { statistic: 'Sum', windowMinutes: 5 }),
      reason: /sum of per-minute 5xx rates/,
    },
    { name: 'an unknown metric', rule: rule('gpu_utilization'), reason: /Unknown metric/ },
  ])('cannot mirror $name', ({ rule: alertRule, reason }) => {
    const plan = ruleAlarmDefinition(alertRule, target);
    expect(plan.canMirror).toBe(false);
    if (!plan.canMirror) expect(plan.reason).toMatch(reason);
  });

  it('takes any statistic of a one-minute window as the minute itself', () => {
    const plan = ruleAlarmDefinition(rule('invocations', { statistic: 'Maximum', threshold: 500 }), target);
    expect(plan.canMirror && plan.alarm.subject).toMatchObject({ kind: 'metric', statistic: 'Sum' });
  });
});

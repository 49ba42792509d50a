import { COMPARATOR_SYMBOL, type RuleCondition } from '@cairn/core/monitoring/evaluate-alert-rule';
import { describeMetric, formatMetricValue } from '@cairn/core/monitoring/metric-catalogue';

export interface AlertMessageInput {
  kind: 'fired' | 'resolved';
  severity: string;
  rule: RuleCondition & { name: string; metric: string };
  endpointName: string;
  environment: string;
  value: number;
  link: string;
}

const SEVERITY_ICON: Record<string, string> = {
  CRITICAL: ':red_circle:',
  WARNING: ':warning:',
  INFO: ':information_source:',
};

/** The rule's condition in words: "5xx error rate (Average over 5 min, 2 periods) > 1%". */
export function describeCondition(rule: AlertMessageInput['rule']): string {
  const label = describeMetric(rule.metric)?.label ?? rule.metric;
  const periods = rule.evaluationPeriods === 1 ? '1 period' : `${rule.evaluationPeriods} periods`;
  return `${label} (${rule.statistic} over ${rule.windowMinutes} min, ${periods}) ${COMPARATOR_SYMBOL[rule.comparator]} ${formatMetricValue(rule.metric, rule.threshold)}`;
}

/**
 * A Slack-compatible body (`text` for every receiver, `blocks` for Slack's layout) that says what
 * fired or resolved, where, the value seen and the condition, with a link to the deployment.
 */
export function slackAlertMessage(input: AlertMessageInput): { text: string; blocks: unknown[] } {
  const value = formatMetricValue(input.rule.metric, input.value);
  const headline =
    input.kind === 'fired'
      ? `${SEVERITY_ICON[input.severity] ?? ''} ${input.severity} alert: ${input.rule.name} on ${input.endpointName} (${input.environment})`.trim()
      : `:white_check_mark: Resolved: ${input.rule.name} on ${input.endpointName} (${input.environment})`;
  const detail = `${input.kind === 'fired' ? 'Value' : 'Latest value'} ${value}; condition ${describeCondition(input.rule)}`;
  return {
    text: `${headline}. ${detail}. ${input.link}`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*${headline}*\n${detail}` } },
      {
        type: 'actions',
        elements: [
          { type: 'button', text: { type: 'plain_text', text: 'Open deployment' }, url: input.link },
        ],
      },
    ],
  };
}

import type {
  ALERT_COMPARATORS,
  ALERT_SEVERITIES,
  ALERT_STATISTICS,
} from '@cairn/core/monitoring/evaluate-alert-rule';

// The rule being edited, apart from the form, so the panel can hold one without loading the form.
export interface AlertRuleDraft {
  name: string;
  metric: string;
  statistic: (typeof ALERT_STATISTICS)[number];
  comparator: (typeof ALERT_COMPARATORS)[number];
  threshold: number | string;
  windowMinutes: number | string;
  evaluationPeriods: number | string;
  severity: (typeof ALERT_SEVERITIES)[number];
  isEnabled: boolean;
  isProjectWide: boolean;
}

export const EMPTY_RULE: AlertRuleDraft = {
  name: '',
  metric: 'error_rate_5xx',
  statistic: 'Average',
  comparator: 'GREATER_THAN',
  threshold: 1,
  windowMinutes: 5,
  evaluationPeriods: 2,
  severity: 'WARNING',
  isEnabled: true,
  isProjectWide: false,
};

export type RuleSubmission = Omit<AlertRuleDraft, 'threshold' | 'windowMinutes' | 'evaluationPeriods'> & {
  threshold: number;
  windowMinutes: number;
  evaluationPeriods: number;
};

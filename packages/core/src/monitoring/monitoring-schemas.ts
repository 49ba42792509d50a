import { z } from 'zod';
import { idSchema, teamIdSchema } from '../schemas/common';
import { ALERT_COMPARATORS, ALERT_SEVERITIES, ALERT_STATISTICS } from './evaluate-alert-rule';
import { isKnownMetric } from './metric-catalogue';
import { METRIC_RANGES } from './metric-ranges';

/** Longest look-back a rule may ask for: windows times periods, one day. */
export const MAX_RULE_SPAN_MINUTES = 24 * 60;

const metricSchema = z.string({ message: 'Metric is required' }).trim().refine(isKnownMetric, {
  message:
    'Metric must be one of the catalogue metrics (invocations, model_latency_p99, error_rate_5xx, ...), drift:<feature>, drift:* or quality:<metric>',
});

const ruleFields = {
  name: z
    .string({ message: 'Name is required' })
    .trim()
    .min(1, { message: 'Name is required' })
    .max(120, { message: 'Name must be at most 120 characters' }),
  metric: metricSchema,
  statistic: z.enum(ALERT_STATISTICS, { message: `Statistic must be one of ${ALERT_STATISTICS.join(', ')}` }),
  comparator: z.enum(ALERT_COMPARATORS, {
    message: `Comparator must be one of ${ALERT_COMPARATORS.join(', ')}`,
  }),
  threshold: z
    .number({ message: 'Threshold must be a number' })
    .refine(Number.isFinite, { message: 'Threshold must be a finite number' }),
  windowMinutes: z
    .number({ message: 'Window must be a number of minutes' })
    .int({ message: 'Window must be a whole number of minutes' })
    .min(1, { message: 'Window must be at least 1 minute' })
    .max(MAX_RULE_SPAN_MINUTES, { message: 'Window must be at most 1,440 minutes (one day)' }),
  evaluationPeriods: z
    .number({ message: 'Evaluation periods must be a number' })
    .int({ message: 'Evaluation periods must be a whole number' })
    .min(1, { message: 'Evaluation periods must be at least 1' })
    .max(10, { message: 'Evaluation periods must be at most 10' }),
  severity: z.enum(ALERT_SEVERITIES, { message: `Severity must be one of ${ALERT_SEVERITIES.join(', ')}` }),
  isEnabled: z.boolean({ message: 'Enabled must be true or false' }),
};

const spanMessage = 'Window times evaluation periods must be at most one day (1,440 minutes)';
const withinSpan = (rule: { windowMinutes?: number; evaluationPeriods?: number }) =>
  (rule.windowMinutes ?? 1) * (rule.evaluationPeriods ?? 1) <= MAX_RULE_SPAN_MINUTES;

export const createAlertRuleInput = z
  .object({
    teamId: teamIdSchema,
    projectId: idSchema,
    /** Absent or null: the rule applies to every deployment of the project. */
    deploymentId: idSchema.nullish().transform((value) => value ?? null),
    ...ruleFields,
    isEnabled: ruleFields.isEnabled.default(true),
  })
  .refine(withinSpan, { message: spanMessage, path: ['evaluationPeriods'] });
export type CreateAlertRuleInput = z.infer<typeof createAlertRuleInput>;

export const updateAlertRuleInput = z
  .object({ teamId: teamIdSchema, ruleId: idSchema })
  .extend(z.object(ruleFields).partial().shape)
  .refine(withinSpan, { message: spanMessage, path: ['evaluationPeriods'] });
export type UpdateAlertRuleInput = z.infer<typeof updateAlertRuleInput>;

export const alertRuleRefInput = z.object({ teamId: teamIdSchema, ruleId: idSchema });
export type AlertRuleRefInput = z.infer<typeof alertRuleRefInput>;

export const listAlertRulesInput = z.object({
  teamId: teamIdSchema,
  projectId: idSchema,
  /** A deployment's own rules plus the project-wide ones; absent: every rule of the project. */
  deploymentId: idSchema.optional(),
});
export type ListAlertRulesInput = z.infer<typeof listAlertRulesInput>;

export { METRIC_RANGES, type MetricRange, RANGE_MINUTES } from './metric-ranges';
/** Points per chart series at most; a month of minutes is downsampled to this. */
export const METRIC_CHART_MAX_POINTS = 500;

export const deploymentMetricsInput = z.object({
  teamId: teamIdSchema,
  deploymentId: idSchema,
  range: z.enum(METRIC_RANGES, { message: `Range must be one of ${METRIC_RANGES.join(', ')}` }).default('1h'),
  metrics: z
    .array(metricSchema, { message: 'Metrics must be a list' })
    .max(50, { message: 'Ask for at most 50 metrics' })
    .optional(),
});
export type DeploymentMetricsInput = z.infer<typeof deploymentMetricsInput>;

export const ALERT_STATUSES = ['FIRING', 'ACKNOWLEDGED', 'RESOLVED'] as const;

export const listAlertsInput = z.object({
  teamId: teamIdSchema,
  projectId: idSchema,
  deploymentId: idSchema.optional(),
  /** `OPEN` is firing or acknowledged. */
  status: z
    .enum([...ALERT_STATUSES, 'OPEN'], { message: 'Status must be FIRING, ACKNOWLEDGED, RESOLVED or OPEN' })
    .optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export type ListAlertsInput = z.infer<typeof listAlertsInput>;

export const openAlertSummaryInput = z
  .object({ teamId: teamIdSchema.optional(), projectId: idSchema.optional() })
  .refine((input) => !input.projectId || input.teamId, {
    message: 'A project summary needs its team',
    path: ['teamId'],
  })
  .default({});
export type OpenAlertSummaryInput = z.infer<typeof openAlertSummaryInput>;

export const acknowledgeAlertInput = z.object({
  teamId: teamIdSchema,
  alertId: idSchema,
  note: z
    .string({ message: 'A note is required' })
    .trim()
    .min(1, { message: 'Say what you are doing about the alert' })
    .max(2_000, { message: 'Note must be at most 2,000 characters' }),
});
export type AcknowledgeAlertInput = z.infer<typeof acknowledgeAlertInput>;

import { z } from 'zod';
import { ENTITY_NAME_PATTERN, MAX_ENTITY_KEY_LENGTH } from '../tracking/mlflow-limits';

/**
 * A project's approval policy: what must hold before a model version may be released.
 * Evaluated by `@cairn/core/approval/evaluate-policy`; edited by team admins only.
 */

export const METRIC_GATE_OPS = ['>=', '>', '<=', '<', '=='] as const;
export type MetricGateOp = (typeof METRIC_GATE_OPS)[number];

export const METRIC_DIRECTIONS = ['higher', 'lower'] as const;
export type MetricDirection = (typeof METRIC_DIRECTIONS)[number];

export const MIN_REQUIRED_APPROVALS = 1;
export const MAX_REQUIRED_APPROVALS = 5;
export const MAX_METRIC_GATES = 20;
export const MIN_REQUEST_TTL_HOURS = 1;
/** 30 days: a sign-off older than a month is judging evidence nobody remembers. */
export const MAX_REQUEST_TTL_HOURS = 720;
export const DEFAULT_REQUEST_TTL_HOURS = 168;

/** A metric key as MLflow accepts it, so a gate can name any metric a run can log (and no other). */
export const gateMetricKeySchema = (field: string) =>
  z
    .string({ message: `${field} must be a metric name` })
    .min(1, { message: `${field} is required` })
    .max(MAX_ENTITY_KEY_LENGTH, { message: `${field} must be at most ${MAX_ENTITY_KEY_LENGTH} characters` })
    .regex(ENTITY_NAME_PATTERN, {
      message: `${field} may only use letters, digits, spaces and _ - . /`,
    });

export const metricGateSchema = z.object({
  metric: gateMetricKeySchema('Gate metric'),
  op: z.enum(METRIC_GATE_OPS, { message: `Gate operator must be one of ${METRIC_GATE_OPS.join(' ')}` }),
  // zod 4 numbers reject NaN and ±Infinity: a gate must be a threshold a real value can meet.
  threshold: z.number({ message: 'Gate threshold must be a finite number' }),
});
export type MetricGate = z.infer<typeof metricGateSchema>;

export const beatsProductionSchema = z.object({
  metric: gateMetricKeySchema('Primary metric'),
  direction: z.enum(METRIC_DIRECTIONS, { message: "Primary metric direction must be 'higher' or 'lower'" }),
});
export type BeatsProductionGate = z.infer<typeof beatsProductionSchema>;

export const approvalPolicySchema = z.object({
  requiredApprovals: z
    .number({ message: 'Required approvals must be a number' })
    .int({ message: 'Required approvals must be a whole number' })
    .min(MIN_REQUIRED_APPROVALS, {
      message: `Required approvals must be between ${MIN_REQUIRED_APPROVALS} and ${MAX_REQUIRED_APPROVALS}`,
    })
    .max(MAX_REQUIRED_APPROVALS, {
      message: `Required approvals must be between ${MIN_REQUIRED_APPROVALS} and ${MAX_REQUIRED_APPROVALS}`,
    }),
  metricGates: z
    .array(metricGateSchema, { message: 'Metric gates must be a list' })
    .max(MAX_METRIC_GATES, { message: `Metric gates: at most ${MAX_METRIC_GATES} allowed` })
    .default([]),
  beatsProduction: beatsProductionSchema.nullable().default(null),
  budgetHeadroom: z.boolean({ message: 'Budget headroom must be true or false' }).default(false),
  requestTtlHours: z
    .number({ message: 'Request expiry must be a number of hours' })
    .int({ message: 'Request expiry must be a whole number of hours' })
    .min(MIN_REQUEST_TTL_HOURS, {
      message: `Request expiry must be between ${MIN_REQUEST_TTL_HOURS} and ${MAX_REQUEST_TTL_HOURS} hours`,
    })
    .max(MAX_REQUEST_TTL_HOURS, {
      message: `Request expiry must be between ${MIN_REQUEST_TTL_HOURS} and ${MAX_REQUEST_TTL_HOURS} hours`,
    })
    .default(DEFAULT_REQUEST_TTL_HOURS),
});
export type ApprovalPolicy = z.infer<typeof approvalPolicySchema>;
export type ApprovalPolicyInput = z.input<typeof approvalPolicySchema>;

/** What a project gets before an admin edits its policy: one independent approver, no gates, a week to decide. */
export const DEFAULT_APPROVAL_POLICY: ApprovalPolicy = {
  requiredApprovals: 1,
  metricGates: [],
  beatsProduction: null,
  budgetHeadroom: false,
  requestTtlHours: DEFAULT_REQUEST_TTL_HOURS,
};

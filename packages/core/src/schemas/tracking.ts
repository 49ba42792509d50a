import { z } from 'zod';
import { idSchema, teamIdSchema } from './common';

/**
 * Inputs of the experiment-tracking services and procedures. Structure only: the MLflow limits
 * (key and value lengths, batch sizes) are checked by the services against
 * `@cairn/core/tracking/mlflow-limits`, so REST and tRPC callers get the same MLflow messages.
 */

export const RUN_STATUSES = ['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED'] as const;
export const runStatusSchema = z.enum(RUN_STATUSES);

export const VIEW_TYPES = ['ACTIVE_ONLY', 'DELETED_ONLY', 'ALL'] as const;
export const viewTypeSchema = z.enum(VIEW_TYPES);

export const trackingKeySchema = z.string().min(1, { message: 'Key is required' });
export const keyValueSchema = z.object({ key: trackingKeySchema, value: z.string() });
export type KeyValueInput = z.infer<typeof keyValueSchema>;

export const experimentNameSchema = z
  .string()
  .trim()
  .min(1, { message: 'Experiment name is required' })
  .max(500, { message: 'Experiment name must be at most 500 characters' });

/** Epoch milliseconds, as MLflow sends them. */
export const epochMsSchema = z.number().int().nonnegative();

/** Any JS number, NaN and ±Infinity included: MLflow stores them as logged. */
export const metricValueSchema = z.custom<number>((value) => typeof value === 'number', {
  message: 'Metric value must be a number',
});

const experimentRef = { teamId: teamIdSchema, experimentId: idSchema };
const runRef = { teamId: teamIdSchema, runId: idSchema };
const projectRef = { teamId: teamIdSchema, projectId: idSchema };

export const createExperimentInput = z.object({
  ...projectRef,
  name: experimentNameSchema,
  artifactLocation: z.string().max(2_000).optional(),
  tags: z.array(keyValueSchema).optional(),
});
export type CreateExperimentInput = z.infer<typeof createExperimentInput>;

export const experimentRefInput = z.object(experimentRef);
export type ExperimentRefInput = z.infer<typeof experimentRefInput>;

export const getExperimentByNameInput = z.object({ ...projectRef, name: z.string().min(1) });
export type GetExperimentByNameInput = z.infer<typeof getExperimentByNameInput>;

export const projectTrackingInput = z.object(projectRef);
export type ProjectTrackingInput = z.infer<typeof projectTrackingInput>;

export const listExperimentsInput = z.object({
  ...projectRef,
  includeDeleted: z.boolean().default(false),
  nameContains: z.string().trim().max(500).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export type ListExperimentsInput = z.infer<typeof listExperimentsInput>;

export const searchExperimentsInput = z.object({
  ...projectRef,
  viewType: viewTypeSchema.default('ACTIVE_ONLY'),
  filter: z.string().max(10_000).optional(),
  orderBy: z.array(z.string().max(500)).max(20).optional(),
  maxResults: z.number().int().min(1).max(50_000).default(1_000),
  pageToken: z.string().max(2_000).optional(),
});
export type SearchExperimentsInput = z.infer<typeof searchExperimentsInput>;

export const updateExperimentInput = z.object({ ...experimentRef, newName: experimentNameSchema });
export type UpdateExperimentInput = z.infer<typeof updateExperimentInput>;

export const setExperimentTagInput = z.object({
  ...experimentRef,
  key: trackingKeySchema,
  value: z.string(),
});
export type SetExperimentTagInput = z.infer<typeof setExperimentTagInput>;

export const createRunInput = z.object({
  ...experimentRef,
  runName: z.string().trim().max(250).optional(),
  startTime: epochMsSchema.optional(),
  userName: z.string().max(250).optional(),
  tags: z.array(keyValueSchema).optional(),
});
export type CreateRunInput = z.infer<typeof createRunInput>;

export const runRefInput = z.object(runRef);
export type RunRefInput = z.infer<typeof runRefInput>;

export const updateRunInput = z.object({
  ...runRef,
  status: runStatusSchema.optional(),
  endTime: epochMsSchema.optional(),
  runName: z.string().trim().max(250).optional(),
});
export type UpdateRunInput = z.infer<typeof updateRunInput>;

export const metricInputSchema = z.object({
  key: trackingKeySchema,
  value: metricValueSchema,
  timestamp: z.number().int(),
  step: z.number().int().default(0),
});
export type MetricInput = z.infer<typeof metricInputSchema>;

export const logRunDataInput = z.object({
  ...runRef,
  metrics: z.array(metricInputSchema).default([]),
  params: z.array(keyValueSchema).default([]),
  tags: z.array(keyValueSchema).default([]),
});
export type LogRunDataInput = z.infer<typeof logRunDataInput>;

export const deleteRunTagInput = z.object({ ...runRef, key: trackingKeySchema });
export type DeleteRunTagInput = z.infer<typeof deleteRunTagInput>;

export const logRunInputsInput = z.object({ ...runRef, datasets: z.array(z.unknown()).max(1_000) });
export type LogRunInputsInput = z.infer<typeof logRunInputsInput>;

export const getMetricHistoryInput = z.object({
  ...runRef,
  key: trackingKeySchema,
  maxResults: z.number().int().min(1).max(25_000).optional(),
  pageToken: z.string().max(2_000).optional(),
});
export type GetMetricHistoryInput = z.infer<typeof getMetricHistoryInput>;

export const getMetricSeriesInput = z.object({
  teamId: teamIdSchema,
  runIds: z
    .array(idSchema)
    .min(1, { message: 'Choose at least one run' })
    .max(10, { message: 'Choose at most 10 runs' }),
  keys: z.array(trackingKeySchema).max(100).optional(),
  maxPoints: z.number().int().min(2).max(2_000).optional(),
});
export type GetMetricSeriesInput = z.infer<typeof getMetricSeriesInput>;

export const listMetricKeysInput = z
  .object({
    teamId: teamIdSchema,
    experimentId: idSchema.optional(),
    runIds: z.array(idSchema).min(1).max(100).optional(),
  })
  .refine((input) => Boolean(input.experimentId) !== Boolean(input.runIds), {
    message: 'Give either an experiment or runs',
    path: ['experimentId'],
  });
export type ListMetricKeysInput = z.infer<typeof listMetricKeysInput>;

export const compareRunsInput = z.object({
  teamId: teamIdSchema,
  runIds: z
    .array(idSchema)
    .min(2, { message: 'Choose at least 2 runs to compare' })
    .max(10, { message: 'Choose at most 10 runs to compare' }),
});
export type CompareRunsInput = z.infer<typeof compareRunsInput>;

export const searchRunsInput = z.object({
  teamId: teamIdSchema,
  experimentIds: z.array(idSchema).min(1, { message: 'Choose at least one experiment' }).max(100),
  filter: z.string().max(10_000).optional(),
  runViewType: viewTypeSchema.default('ACTIVE_ONLY'),
  maxResults: z.number().int().min(1).max(50_000).default(1_000),
  orderBy: z.array(z.string().max(500)).max(20).optional(),
  pageToken: z.string().max(2_000).optional(),
});
export type SearchRunsInput = z.infer<typeof searchRunsInput>;

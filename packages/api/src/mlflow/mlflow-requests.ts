import { z } from 'zod';
import { MISSING_VALUE } from './mlflow-error';
import { double, idString, int64 } from './mlflow-values';

/**
 * Request messages of MLflow's tracking service (mlflow/protos/service.proto), snake_case as the
 * clients send them. Structure only: limits and business rules are the services' (so the REST and
 * tRPC callers get the same answers). Unknown fields are dropped, as MLflow's parse_dict does, so
 * newer clients sending extra fields keep working.
 */

const str = z.string();
/** Param and tag values: strings; a client that sends a bare number gets it as its decimal text. */
const textValue = z.union([z.string(), z.number().transform(String), z.boolean().transform(String)]);
const keyValue = z.object({ key: str, value: textValue });

const RUN_STATUS_NUMBERS = ['', 'RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED'] as const;
export const runStatus = z.union([
  z.enum(['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED']),
  z
    .number()
    .int()
    .min(1)
    .max(5)
    .transform((n) => RUN_STATUS_NUMBERS[n] as Exclude<(typeof RUN_STATUS_NUMBERS)[number], ''>),
]);

const VIEW_TYPE_NUMBERS = ['', 'ACTIVE_ONLY', 'DELETED_ONLY', 'ALL'] as const;
export const viewType = z.union([
  z.enum(['ACTIVE_ONLY', 'DELETED_ONLY', 'ALL']),
  z
    .number()
    .int()
    .min(1)
    .max(3)
    .transform((n) => VIEW_TYPE_NUMBERS[n] as Exclude<(typeof VIEW_TYPE_NUMBERS)[number], ''>),
]);

const stringList = z.union([z.array(str), str.transform((s) => [s])]);
const idList = z.union([z.array(idString), idString.transform((s) => [s])]);

/** run_id, or the deprecated run_uuid older clients still send beside it. */
const runRef = { run_id: str.optional(), run_uuid: str.optional() };
function withRunId<T extends { run_id?: string | undefined; run_uuid?: string | undefined }>(
  schema: z.ZodType<T>,
) {
  return schema.transform((value, ctx) => {
    const runId = value.run_id || value.run_uuid;
    if (!runId) {
      ctx.addIssue({ code: 'custom', path: ['run_id'], message: MISSING_VALUE });
      return z.NEVER;
    }
    return { ...value, run_id: runId };
  });
}

export const metricMessage = z.object({
  key: str,
  value: double,
  timestamp: int64,
  step: int64.optional().default(0),
});

export const createExperimentRequest = z.object({
  name: str,
  artifact_location: str.optional(),
  tags: z.array(keyValue).optional(),
});
export const experimentIdRequest = z.object({ experiment_id: idString });
export const getExperimentByNameRequest = z.object({ experiment_name: str });
export const searchExperimentsRequest = z.object({
  max_results: int64.optional(),
  page_token: str.optional(),
  filter: str.optional(),
  order_by: stringList.optional(),
  view_type: viewType.optional(),
});
export const updateExperimentRequest = z.object({ experiment_id: idString, new_name: str });
export const setExperimentTagRequest = z.object({ experiment_id: idString, key: str, value: textValue });

export const createRunRequest = z.object({
  experiment_id: idString.optional(),
  user_id: str.optional(),
  run_name: str.optional(),
  start_time: int64.optional(),
  tags: z.array(keyValue).optional(),
});
export const updateRunRequest = withRunId(
  z.object({
    ...runRef,
    status: runStatus.optional(),
    end_time: int64.optional(),
    run_name: str.optional(),
  }),
);
export const runIdRequest = withRunId(z.object(runRef));
export const searchRunsRequest = z.object({
  experiment_ids: idList.optional(),
  filter: str.optional(),
  run_view_type: viewType.optional(),
  max_results: int64.optional(),
  order_by: stringList.optional(),
  page_token: str.optional(),
});
export const logMetricRequest = withRunId(
  z.object({ ...runRef, key: str, value: double, timestamp: int64, step: int64.optional().default(0) }),
);
export const logParamRequest = withRunId(z.object({ ...runRef, key: str, value: textValue }));
export const setTagRequest = withRunId(z.object({ ...runRef, key: str, value: textValue }));
export const deleteTagRequest = withRunId(z.object({ ...runRef, key: str }));
export const logBatchRequest = withRunId(
  z.object({
    ...runRef,
    metrics: z.array(metricMessage).optional().default([]),
    params: z.array(keyValue).optional().default([]),
    tags: z.array(keyValue).optional().default([]),
  }),
);
/**
 * MLflow's DatasetInput. Parsed to the message's own fields, so what is stored always parses again
 * as a DatasetInput when a client reads the run back.
 */
const datasetInput = z.object({
  tags: z.array(z.object({ key: str, value: str })).optional(),
  dataset: z.object({
    name: str,
    digest: str,
    source_type: str,
    source: str,
    schema: str.optional(),
    profile: str.optional(),
  }),
});
export const logInputsRequest = withRunId(
  z.object({ ...runRef, datasets: z.array(datasetInput).optional().default([]) }),
);
export const getMetricHistoryRequest = withRunId(
  z.object({
    ...runRef,
    metric_key: str,
    page_token: str.optional(),
    max_results: int64.optional(),
  }),
);

/** Fields that are repeated in their message, so a query string's single value still makes a list. */
export const REPEATED_QUERY_FIELDS = new Set(['experiment_ids', 'order_by']);

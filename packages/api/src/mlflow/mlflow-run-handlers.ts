import {
  createRunInput,
  deleteRunTagInput,
  getMetricHistoryInput,
  logRunDataInput,
  logRunInputsInput,
  runRefInput,
  searchRunsInput,
  updateRunInput,
} from '@cairn/core/schemas/tracking';
import { GET_METRIC_HISTORY_MAX_RESULTS } from '@cairn/core/tracking/mlflow-limits';
import { createRun } from '@cairn/services/tracking/create-run';
import { deleteRun } from '@cairn/services/tracking/delete-run';
import { deleteRunTag } from '@cairn/services/tracking/delete-run-tag';
import { getMetricHistory } from '@cairn/services/tracking/get-metric-history';
import { getRun } from '@cairn/services/tracking/get-run';
import { logRunData } from '@cairn/services/tracking/log-run-data';
import { logRunInputs } from '@cairn/services/tracking/log-run-inputs';
import { restoreRun } from '@cairn/services/tracking/restore-run';
import { searchRuns } from '@cairn/services/tracking/search-runs';
import { updateRun } from '@cairn/services/tracking/update-run';
import type { z } from 'zod';
import { DEFAULT_EXPERIMENT_ID, type MlflowCall, resolveExperimentId } from './mlflow-call';
import type {
  createRunRequest,
  deleteTagRequest,
  getMetricHistoryRequest,
  logBatchRequest,
  logInputsRequest,
  logMetricRequest,
  logParamRequest,
  runIdRequest,
  searchRunsRequest,
  setTagRequest,
  updateRunRequest,
} from './mlflow-requests';
import { metricJson, runInfoJson, runJson } from './mlflow-serializers';
import { runUuid } from './mlflow-values';

type In<S extends z.ZodType> = z.output<S>;

async function runDetail(call: MlflowCall, runId: string) {
  return getRun(call.ctx, runRefInput.parse({ teamId: call.teamId, runId }));
}

export async function createRunHandler(call: MlflowCall, req: In<typeof createRunRequest>) {
  const experimentId = await resolveExperimentId(call, req.experiment_id || DEFAULT_EXPERIMENT_ID);
  const run = await createRun(
    call.ctx,
    createRunInput.parse({
      teamId: call.teamId,
      experimentId,
      runName: req.run_name || undefined,
      startTime: req.start_time,
      userName: req.user_id || undefined,
      tags: req.tags,
    }),
  );
  // The reply is the whole run, tags the server derived (mlflow.runName) included, as MLflow's is.
  return { run: runJson(await runDetail(call, run.id)) };
}

export async function updateRunHandler(call: MlflowCall, req: In<typeof updateRunRequest>) {
  const run = await updateRun(
    call.ctx,
    updateRunInput.parse({
      teamId: call.teamId,
      runId: runUuid(req.run_id),
      status: req.status,
      endTime: req.end_time,
      runName: req.run_name || undefined,
    }),
  );
  return { run_info: runInfoJson(run) };
}

export async function getRunHandler(call: MlflowCall, req: In<typeof runIdRequest>) {
  return { run: runJson(await runDetail(call, runUuid(req.run_id))) };
}

export async function deleteRunHandler(call: MlflowCall, req: In<typeof runIdRequest>) {
  await deleteRun(call.ctx, runRefInput.parse({ teamId: call.teamId, runId: runUuid(req.run_id) }));
  return {};
}

export async function restoreRunHandler(call: MlflowCall, req: In<typeof runIdRequest>) {
  await restoreRun(call.ctx, runRefInput.parse({ teamId: call.teamId, runId: runUuid(req.run_id) }));
  return {};
}

export async function searchRunsHandler(call: MlflowCall, req: In<typeof searchRunsRequest>) {
  const ids = req.experiment_ids ?? [];
  // MLflow searches no experiments when given none.
  if (ids.length === 0) return {};
  const experimentIds = await Promise.all(ids.map((id) => resolveExperimentId(call, id)));
  const page = await searchRuns(
    call.ctx,
    searchRunsInput.parse({
      teamId: call.teamId,
      experimentIds,
      filter: req.filter || undefined,
      runViewType: req.run_view_type,
      maxResults: req.max_results,
      orderBy: req.order_by,
      pageToken: req.page_token || undefined,
    }),
  );
  return {
    ...(page.runs.length > 0 ? { runs: page.runs.map(runJson) } : {}),
    ...(page.nextPageToken ? { next_page_token: page.nextPageToken } : {}),
  };
}

type RunData = Pick<z.input<typeof logRunDataInput>, 'metrics' | 'params' | 'tags'>;

async function logData(call: MlflowCall, runId: string, data: RunData) {
  await logRunData(call.ctx, logRunDataInput.parse({ teamId: call.teamId, runId: runUuid(runId), ...data }));
  return {};
}

export function logMetricHandler(call: MlflowCall, req: In<typeof logMetricRequest>) {
  const { key, value, timestamp, step } = req;
  return logData(call, req.run_id, { metrics: [{ key, value, timestamp, step }] });
}

export function logParamHandler(call: MlflowCall, req: In<typeof logParamRequest>) {
  return logData(call, req.run_id, { params: [{ key: req.key, value: req.value }] });
}

export function setTagHandler(call: MlflowCall, req: In<typeof setTagRequest>) {
  return logData(call, req.run_id, { tags: [{ key: req.key, value: req.value }] });
}

export function logBatchHandler(call: MlflowCall, req: In<typeof logBatchRequest>) {
  return logData(call, req.run_id, { metrics: req.metrics, params: req.params, tags: req.tags });
}

export async function deleteTagHandler(call: MlflowCall, req: In<typeof deleteTagRequest>) {
  await deleteRunTag(
    call.ctx,
    deleteRunTagInput.parse({ teamId: call.teamId, runId: runUuid(req.run_id), key: req.key }),
  );
  return {};
}

export async function logInputsHandler(call: MlflowCall, req: In<typeof logInputsRequest>) {
  await logRunInputs(
    call.ctx,
    logRunInputsInput.parse({ teamId: call.teamId, runId: runUuid(req.run_id), datasets: req.datasets }),
  );
  return {};
}

export async function getMetricHistoryHandler(call: MlflowCall, req: In<typeof getMetricHistoryRequest>) {
  const base = { teamId: call.teamId, runId: runUuid(req.run_id), key: req.metric_key };
  if (req.max_results !== undefined || req.page_token) {
    const page = await getMetricHistory(
      call.ctx,
      getMetricHistoryInput.parse({
        ...base,
        maxResults: req.max_results,
        pageToken: req.page_token || undefined,
      }),
    );
    return {
      ...(page.metrics.length > 0 ? { metrics: page.metrics.map(metricJson) } : {}),
      ...(page.nextPageToken ? { next_page_token: page.nextPageToken } : {}),
    };
  }
  // Without max_results MLflow returns the whole history in one reply; clients before paging rely on it.
  const metrics: ReturnType<typeof metricJson>[] = [];
  let pageToken: string | undefined;
  do {
    const page = await getMetricHistory(
      call.ctx,
      getMetricHistoryInput.parse({ ...base, maxResults: GET_METRIC_HISTORY_MAX_RESULTS, pageToken }),
    );
    for (const metric of page.metrics) metrics.push(metricJson(metric));
    pageToken = page.nextPageToken ?? undefined;
  } while (pageToken);
  return metrics.length > 0 ? { metrics } : {};
}

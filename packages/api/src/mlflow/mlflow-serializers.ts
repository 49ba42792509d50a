import type {
  ExperimentView,
  KeyValue,
  LatestMetricView,
  RunDetail,
  RunView,
} from '@cairn/services/tracking/tracking-views';
import { encodeDouble, toMlflowId } from './mlflow-values';

/**
 * Cairn views as MLflow's protobuf JSON (mlflow/protos/service.proto): snake_case names, int64
 * timestamps as numbers, doubles with NaN/±Infinity as strings, and empty fields omitted.
 */

type Json = Record<string, unknown>;

function omitEmpty(fields: Json): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value) && value.length === 0) continue;
    out[key] = value;
  }
  return out;
}

const keyValues = (items: KeyValue[]) => items.map(({ key, value }) => ({ key, value }));

export function experimentJson(experiment: ExperimentView): Json {
  return omitEmpty({
    experiment_id: toMlflowId(experiment.id),
    name: experiment.name,
    artifact_location: experiment.artifactLocation,
    lifecycle_stage: experiment.lifecycleStage,
    last_update_time: experiment.updatedAt.getTime(),
    creation_time: experiment.createdAt.getTime(),
    tags: keyValues(experiment.tags),
  });
}

export function runInfoJson(run: RunView): Json {
  const runId = toMlflowId(run.id);
  return omitEmpty({
    run_id: runId,
    run_uuid: runId,
    run_name: run.name,
    experiment_id: toMlflowId(run.experimentId),
    user_id: run.userName,
    status: run.status,
    start_time: run.startTime.getTime(),
    end_time: run.endTime?.getTime(),
    artifact_uri: run.artifactUri,
    lifecycle_stage: run.lifecycleStage,
  });
}

export function metricJson(metric: LatestMetricView): Json {
  return {
    key: metric.key,
    value: encodeDouble(metric.value),
    timestamp: metric.timestamp,
    step: metric.step,
  };
}

export function runJson(run: RunDetail): Json {
  return {
    info: runInfoJson(run),
    data: omitEmpty({
      metrics: run.metrics.map(metricJson),
      params: keyValues(run.params),
      tags: keyValues(run.tags),
    }),
    inputs: omitEmpty({ dataset_inputs: run.datasetInputs }),
  };
}

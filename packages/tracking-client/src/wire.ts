/** MLflow's protobuf JSON as Cairn sends it, and the plain objects this client hands back. */

export type RunStatus = 'RUNNING' | 'SCHEDULED' | 'FINISHED' | 'FAILED' | 'KILLED';

export interface Metric {
  key: string;
  value: number;
  step: number;
  timestamp: number;
}

export interface Run {
  id: string;
  experimentId: string;
  name: string;
  status: RunStatus;
  startTime: number;
  endTime: number | null;
  userId: string;
  artifactUri: string;
  lifecycleStage: 'active' | 'deleted';
  params: Record<string, string>;
  tags: Record<string, string>;
  /** The latest value of each metric. */
  metrics: Record<string, Metric>;
}

type Int64 = number | string;
type Double = number | string;

interface KeyValueJson {
  key: string;
  value: string;
}

export interface MetricJson {
  key: string;
  value: Double;
  step?: Int64;
  timestamp?: Int64;
}

export interface RunJson {
  info: {
    run_id: string;
    experiment_id: string;
    run_name?: string;
    status?: RunStatus;
    start_time?: Int64;
    end_time?: Int64;
    user_id?: string;
    artifact_uri?: string;
    lifecycle_stage?: 'active' | 'deleted';
  };
  data?: { metrics?: MetricJson[]; params?: KeyValueJson[]; tags?: KeyValueJson[] };
}

export function encodeDouble(value: number): Double {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return 'Infinity';
  if (value === Number.NEGATIVE_INFINITY) return '-Infinity';
  return value;
}

export function decodeDouble(value: Double): number {
  return typeof value === 'number' ? value : Number(value);
}

export function readMetric(metric: MetricJson): Metric {
  return {
    key: metric.key,
    value: decodeDouble(metric.value),
    step: Number(metric.step ?? 0),
    timestamp: Number(metric.timestamp ?? 0),
  };
}

const toRecord = (items: KeyValueJson[] | undefined) =>
  Object.fromEntries((items ?? []).map(({ key, value }) => [key, value]));

export function readRun(run: RunJson): Run {
  const { info, data } = run;
  return {
    id: info.run_id,
    experimentId: info.experiment_id,
    name: info.run_name ?? '',
    status: info.status ?? 'RUNNING',
    startTime: Number(info.start_time ?? 0),
    endTime: info.end_time === undefined ? null : Number(info.end_time),
    userId: info.user_id ?? '',
    artifactUri: info.artifact_uri ?? '',
    lifecycleStage: info.lifecycle_stage ?? 'active',
    params: toRecord(data?.params),
    tags: toRecord(data?.tags),
    metrics: Object.fromEntries((data?.metrics ?? []).map((m) => [m.key, readMetric(m)])),
  };
}

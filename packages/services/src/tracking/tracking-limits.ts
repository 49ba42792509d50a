import { DomainError } from '@cairn/core/errors';
import type { KeyValueInput, MetricInput } from '@cairn/core/schemas/tracking';
import {
  ENTITY_NAME_PATTERN,
  MAX_BATCH_LOG_REQUEST_SIZE,
  MAX_ENTITIES_PER_BATCH,
  MAX_ENTITY_KEY_LENGTH,
  MAX_EXPERIMENT_TAG_VAL_LENGTH,
  MAX_METRICS_PER_BATCH,
  MAX_PARAM_VAL_LENGTH,
  MAX_PARAMS_TAGS_PER_BATCH,
  MAX_TAG_VAL_LENGTH,
} from '@cairn/core/tracking/mlflow-limits';

/*
 * MLflow's checks of logged data, with its messages (mlflow/utils/validation.py), so the REST API
 * and the UI refuse exactly what an MLflow server refuses. Each throws INVALID_INPUT naming the field.
 */

function invalid(message: string, field: string): never {
  throw new DomainError('INVALID_INPUT', message, { field });
}

const BAD_CHARACTERS =
  'Names may only contain alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), and slashes (/).';

/** posixpath.normpath, for MLflow's "must not resolve to other names" check. */
function normalizePath(path: string): string {
  const isAbsolute = path.startsWith('/');
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else if (part !== '..' || !isAbsolute) parts.push(part);
  }
  const joined = parts.join('/');
  return isAbsolute ? `/${joined}` : joined || '.';
}

function validateName(kind: 'metric' | 'parameter' | 'tag', name: string, field: string) {
  if (!ENTITY_NAME_PATTERN.test(name)) invalid(`Invalid ${kind} name: '${name}'. ${BAD_CHARACTERS}`, field);
  const normalized = normalizePath(name);
  if (normalized !== name || normalized.startsWith('..') || normalized.startsWith('/')) {
    invalid(
      `Invalid ${kind} name: '${name}'. Names may be treated as files in certain cases, and must not resolve to other names when treated as such. This name would resolve to '${normalized}'`,
      field,
    );
  }
}

function validateLength(entity: string, limit: number, value: string, field: string) {
  if (value.length > limit) {
    invalid(
      `${entity} '${value.slice(0, 250)}' had length ${value.length}, which exceeded length limit of ${limit}`,
      field,
    );
  }
}

function validateBatchLimit(entity: string, limit: number, length: number, field: string) {
  if (length > limit) {
    invalid(
      `A batch logging request can contain at most ${limit} ${entity}. Got ${length} ${entity}. Please split up ${entity} across multiple requests and try again.`,
      field,
    );
  }
}

export function validateMetric(metric: MetricInput) {
  validateName('metric', metric.key, 'metrics');
  validateLength('Metric name', MAX_ENTITY_KEY_LENGTH, metric.key, 'metrics');
}

export function validateParam(param: KeyValueInput) {
  validateName('parameter', param.key, 'params');
  validateLength('Param key', MAX_ENTITY_KEY_LENGTH, param.key, 'params');
  validateLength('Param value', MAX_PARAM_VAL_LENGTH, param.value, 'params');
}

export function validateTag(tag: KeyValueInput, field = 'tags') {
  validateName('tag', tag.key, field);
  validateLength('Tag key', MAX_ENTITY_KEY_LENGTH, tag.key, field);
  validateLength('Tag value', MAX_TAG_VAL_LENGTH, tag.value, field);
}

export function validateTags(tags: KeyValueInput[], field = 'tags') {
  for (const tag of tags) validateTag(tag, field);
}

export function validateExperimentTag(tag: KeyValueInput) {
  validateName('tag', tag.key, 'key');
  validateLength('Tag key', MAX_ENTITY_KEY_LENGTH, tag.key, 'key');
  validateLength('Tag value', MAX_EXPERIMENT_TAG_VAL_LENGTH, tag.value, 'value');
}

/**
 * The whole of a log-batch request, before anything is written: counts, size, every key and
 * value, and no param key given twice.
 */
export function validateLogBatch(batch: {
  metrics: MetricInput[];
  params: KeyValueInput[];
  tags: KeyValueInput[];
}) {
  const { metrics, params, tags } = batch;
  validateBatchLimit('metrics', MAX_METRICS_PER_BATCH, metrics.length, 'metrics');
  validateBatchLimit('params', MAX_PARAMS_TAGS_PER_BATCH, params.length, 'params');
  validateBatchLimit('tags', MAX_PARAMS_TAGS_PER_BATCH, tags.length, 'tags');
  validateBatchLimit(
    'metrics, params, and tags',
    MAX_ENTITIES_PER_BATCH,
    metrics.length + params.length + tags.length,
    'metrics',
  );
  // The REST layer measures the request body itself; this bounds what any other caller sends.
  const size = Buffer.byteLength(JSON.stringify({ metrics, params, tags }));
  if (size > MAX_BATCH_LOG_REQUEST_SIZE) {
    invalid(
      `Batched logging API requests must be at most ${MAX_BATCH_LOG_REQUEST_SIZE} bytes, got a request of ${size} bytes`,
      'metrics',
    );
  }
  for (const metric of metrics) validateMetric(metric);
  for (const param of params) validateParam(param);
  validateTags(tags);
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const { key } of params) (seen.has(key) ? duplicates : seen).add(key);
  if (duplicates.size > 0) {
    invalid(
      `Duplicate parameter keys have been submitted: ${JSON.stringify([...duplicates])}. Please ensure the request contains only one param value per param key.`,
      'params',
    );
  }
}

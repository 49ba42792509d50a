/**
 * MLflow tracking limits, mirrored so Cairn rejects exactly what an MLflow server rejects.
 * Sources: mlflow/utils/validation.py and mlflow/store/tracking/__init__.py (MLflow 2.x/3.x).
 */

/** log-batch: at most this many metrics per request (MAX_METRICS_PER_BATCH). */
export const MAX_METRICS_PER_BATCH = 1000;
/** log-batch: at most this many params, and separately this many tags, per request (MAX_PARAMS_TAGS_PER_BATCH). */
export const MAX_PARAMS_TAGS_PER_BATCH = 100;
/** log-batch: metrics + params + tags together (MAX_ENTITIES_PER_BATCH). */
export const MAX_ENTITIES_PER_BATCH = 1000;
/** log-batch: request body size in bytes, int(1e6) — "1 MB" in decimal units (MAX_BATCH_LOG_REQUEST_SIZE). */
export const MAX_BATCH_LOG_REQUEST_SIZE = 1_000_000;
/** log-inputs: datasets per request (MAX_DATASETS_PER_BATCH). */
export const MAX_DATASETS_PER_BATCH = 1000;
/** Metric, param and tag keys (MAX_ENTITY_KEY_LENGTH). */
export const MAX_ENTITY_KEY_LENGTH = 250;
/** Param values (MAX_PARAM_VAL_LENGTH; 500 in MLflow 1.x). */
export const MAX_PARAM_VAL_LENGTH = 6000;
/** Run tag values (MAX_TAG_VAL_LENGTH; 5000 in older releases, 8000 in current ones). */
export const MAX_TAG_VAL_LENGTH = 8000;
/** Experiment names (MAX_EXPERIMENT_NAME_LENGTH). */
export const MAX_EXPERIMENT_NAME_LENGTH = 500;
/** Experiment tag keys (MAX_EXPERIMENT_TAG_KEY_LENGTH). */
export const MAX_EXPERIMENT_TAG_KEY_LENGTH = 250;
/** Experiment tag values (MAX_EXPERIMENT_TAG_VAL_LENGTH). */
export const MAX_EXPERIMENT_TAG_VAL_LENGTH = 5000;
/** Run names: the runs.name column of MLflow's SQL store is String(250). */
export const MAX_RUN_NAME_LENGTH = 250;
/** Dataset names in log-inputs (MAX_DATASET_NAME_SIZE). */
export const MAX_DATASET_NAME_SIZE = 500;
/** Dataset digests in log-inputs (MAX_DATASET_DIGEST_SIZE). */
export const MAX_DATASET_DIGEST_SIZE = 36;
/** Run ids accepted by MLflow: alphanumeric start, then up to 255 word characters or dashes (_RUN_ID_REGEX). */
export const RUN_ID_PATTERN = /^[a-zA-Z0-9][\w-]{0,255}$/;
/** Metric, param and tag names: alphanumerics, _ - . space and / only (_VALID_PARAM_AND_METRIC_NAMES in MLflow 2.x). */
export const ENTITY_NAME_PATTERN = /^[/\w.\- ]*$/;
/** search-runs / search-experiments page size when max_results is not given (SEARCH_MAX_RESULTS_DEFAULT). */
export const SEARCH_MAX_RESULTS_DEFAULT = 1000;
/** search-runs: largest max_results accepted (SEARCH_MAX_RESULTS_THRESHOLD). */
export const SEARCH_MAX_RESULTS_THRESHOLD = 50_000;
/** search-experiments: largest max_results accepted (MAX_EXPERIMENTS_LISTED_PER_PAGE). */
export const MAX_EXPERIMENTS_LISTED_PER_PAGE = 50_000;
/** get-history: page size when max_results is not given, and its ceiling (GET_METRIC_HISTORY_MAX_RESULTS). */
export const GET_METRIC_HISTORY_MAX_RESULTS = 25_000;

import { CairnTrackingError, callMlflow, type HttpOptions } from './http';
import { TrackedRun } from './tracked-run';
import { type Metric, type Run, type RunJson, readMetric, readRun } from './wire';

export { CairnTrackingError } from './http';
export type { TrackedRun } from './tracked-run';
export type { Metric, Run, RunStatus } from './wire';

export interface CairnTrackingOptions {
  /** Cairn's base URL, e.g. https://cairn.example.com (the MLflow API lives under /api/2.0/mlflow). */
  baseUrl: string;
  /** A Cairn API token of the project to log to. */
  token: string;
  /** Retries for 429, 5xx and network failures (default 5). */
  maxRetries?: number;
  /** First retry delay in ms, doubling each retry (default 250). */
  retryBaseMs?: number;
  /** Buffered metric points that trigger a flush (default 1,000, MLflow's log-batch limit). */
  flushEvery?: number;
  /** Longest a logged point waits unsent, in ms, so live charts follow the run (default 5,000; 0: never). */
  flushAfterMs?: number;
  fetch?: typeof fetch;
}

export interface StartRunOptions {
  /** An experiment id; or give experimentName. Neither: the project's Default experiment. */
  experimentId?: string;
  /** Created when it does not exist yet. */
  experimentName?: string;
  runName?: string;
  tags?: Record<string, string>;
  startTime?: number;
}

export interface SearchRunsOptions {
  experimentIds: string[];
  /** MLflow's filter syntax, e.g. `metrics.loss < 0.5 and params.lr = '0.01'`. */
  filter?: string;
  orderBy?: string[];
  maxResults?: number;
  pageToken?: string;
  runViewType?: 'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL';
}

/** MLflow's largest metric-history page. */
const HISTORY_PAGE = 25_000;

/** Experiment tracking from Node training code, over Cairn's MLflow-compatible REST API. */
export class CairnTracking {
  readonly #http: HttpOptions;
  readonly #flushEvery: number;
  readonly #flushAfterMs: number;

  constructor(options: CairnTrackingOptions) {
    this.#http = {
      baseUrl: options.baseUrl,
      token: options.token,
      fetch: options.fetch ?? globalThis.fetch,
      maxRetries: options.maxRetries ?? 5,
      retryBaseMs: options.retryBaseMs ?? 250,
    };
    this.#flushEvery = Math.min(Math.max(options.flushEvery ?? 1_000, 1), 1_000);
    this.#flushAfterMs = Math.max(options.flushAfterMs ?? 5_000, 0);
  }

  /** Calls any MLflow endpoint, for what the typed methods do not cover. */
  call<T>(method: 'GET' | 'POST', endpoint: string, body?: Record<string, unknown>): Promise<T> {
    return callMlflow<T>(this.#http, method, endpoint, body);
  }

  /** The id of the experiment with this name in the token's project, created if missing. */
  async getOrCreateExperiment(name: string): Promise<string> {
    try {
      const found = await this.call<{ experiment: { experiment_id: string } }>(
        'GET',
        'experiments/get-by-name',
        {
          experiment_name: name,
        },
      );
      return found.experiment.experiment_id;
    } catch (error) {
      if (!(error instanceof CairnTrackingError) || error.errorCode !== 'RESOURCE_DOES_NOT_EXIST')
        throw error;
    }
    try {
      const created = await this.call<{ experiment_id: string }>('POST', 'experiments/create', { name });
      return created.experiment_id;
    } catch (error) {
      // Another process created it first.
      if (error instanceof CairnTrackingError && error.errorCode === 'RESOURCE_ALREADY_EXISTS') {
        return this.getOrCreateExperiment(name);
      }
      throw error;
    }
  }

  /** Creates a RUNNING run and returns a handle that buffers its metrics. */
  async startRun(options: StartRunOptions = {}): Promise<TrackedRun> {
    const experimentId =
      options.experimentId ??
      (options.experimentName ? await this.getOrCreateExperiment(options.experimentName) : '0');
    const { run } = await this.call<{ run: RunJson }>('POST', 'runs/create', {
      experiment_id: experimentId,
      run_name: options.runName,
      start_time: options.startTime ?? Date.now(),
      tags: Object.entries(options.tags ?? {}).map(([key, value]) => ({ key, value })),
    });
    return new TrackedRun(this, readRun(run), {
      flushEvery: this.#flushEvery,
      flushAfterMs: this.#flushAfterMs,
    });
  }

  /** Alias of startRun. */
  createRun(options: StartRunOptions = {}): Promise<TrackedRun> {
    return this.startRun(options);
  }

  async getRun(runId: string): Promise<Run> {
    const { run } = await this.call<{ run: RunJson }>('GET', 'runs/get', { run_id: runId });
    return readRun(run);
  }

  async searchRuns(options: SearchRunsOptions): Promise<{ runs: Run[]; nextPageToken: string | null }> {
    const reply = await this.call<{ runs?: RunJson[]; next_page_token?: string }>('POST', 'runs/search', {
      experiment_ids: options.experimentIds,
      filter: options.filter,
      order_by: options.orderBy,
      max_results: options.maxResults,
      page_token: options.pageToken,
      run_view_type: options.runViewType,
    });
    return { runs: (reply.runs ?? []).map(readRun), nextPageToken: reply.next_page_token ?? null };
  }

  /** Every point of one metric of a run, in (step, timestamp) order, read page by page. */
  async getMetricHistory(runId: string, key: string): Promise<Metric[]> {
    const points: Metric[] = [];
    let pageToken: string | undefined;
    do {
      const page = await this.call<{
        metrics?: Parameters<typeof readMetric>[0][];
        next_page_token?: string;
      }>('GET', 'metrics/get-history', {
        run_id: runId,
        metric_key: key,
        max_results: HISTORY_PAGE,
        page_token: pageToken,
      });
      for (const metric of page.metrics ?? []) points.push(readMetric(metric));
      pageToken = page.next_page_token || undefined;
    } while (pageToken);
    return points;
  }
}

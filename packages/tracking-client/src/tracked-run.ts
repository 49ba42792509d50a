import { type KeyValue, splitIntoBatches } from './batch';
import { type Metric, type Run, type RunJson, type RunStatus, readRun } from './wire';

interface Caller {
  call<T>(method: 'GET' | 'POST', endpoint: string, body?: Record<string, unknown>): Promise<T>;
}

export interface MetricOptions {
  step?: number;
  /** Epoch ms; defaults to now. */
  timestamp?: number;
}

/**
 * One run being logged. Params and tags are sent at once (so an immutable param's conflict shows up
 * where it was logged); metric points are buffered and sent with log-batch in chunks within MLflow's
 * limits: when the buffer fills, a few seconds after the first unsent point (so a running run's
 * charts stay live), on flush() and on end(). A failed background flush is thrown by the next call.
 */
export class TrackedRun {
  readonly id: string;
  readonly experimentId: string;
  readonly name: string;
  readonly #client: Caller;
  readonly #flushEvery: number;
  readonly #flushAfterMs: number;
  #pending: Metric[] = [];
  #timer: ReturnType<typeof setTimeout> | null = null;
  #backgroundError: unknown = null;
  /** Flushes run one after another, so points reach the server in the order they were logged. */
  #queue: Promise<void> = Promise.resolve();

  constructor(client: Caller, run: Run, options: { flushEvery: number; flushAfterMs: number }) {
    this.#client = client;
    this.#flushEvery = options.flushEvery;
    this.#flushAfterMs = options.flushAfterMs;
    this.id = run.id;
    this.experimentId = run.experimentId;
    this.name = run.name;
  }

  /** Buffers one point; resolves once any flush it triggered is done. */
  logMetric(key: string, value: number, options: MetricOptions = {}): Promise<void> {
    this.#pending.push({ key, value, step: options.step ?? 0, timestamp: options.timestamp ?? Date.now() });
    return this.#afterBuffering();
  }

  /** Buffers one point per key, all at the same step. */
  logMetrics(values: Record<string, number>, options: MetricOptions = {}): Promise<void> {
    const timestamp = options.timestamp ?? Date.now();
    for (const [key, value] of Object.entries(values)) {
      this.#pending.push({ key, value, step: options.step ?? 0, timestamp });
    }
    return this.#afterBuffering();
  }

  logParam(key: string, value: unknown): Promise<void> {
    return this.logParams({ [key]: value });
  }

  /** Params are immutable: logging a key again with another value fails with INVALID_PARAMETER_VALUE. */
  logParams(values: Record<string, unknown>): Promise<void> {
    return this.#send({ params: toKeyValues(values) });
  }

  setTag(key: string, value: unknown): Promise<void> {
    return this.setTags({ [key]: value });
  }

  setTags(values: Record<string, unknown>): Promise<void> {
    return this.#send({ tags: toKeyValues(values) });
  }

  /** Sends every buffered point. */
  flush(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const failed = this.#takeBackgroundError();
    if (failed) return failed;
    const metrics = this.#pending;
    this.#pending = [];
    return metrics.length > 0 ? this.#send({ metrics }) : this.#queue;
  }

  #afterBuffering(): Promise<void> {
    const failed = this.#takeBackgroundError();
    if (failed) return failed;
    if (this.#pending.length >= this.#flushEvery) return this.flush();
    if (!this.#timer && this.#flushAfterMs > 0) {
      this.#timer = setTimeout(() => {
        this.#timer = null;
        this.flush().catch((error: unknown) => {
          this.#backgroundError = error;
        });
      }, this.#flushAfterMs);
      // A pending flush must not keep a finished training script alive; end() flushes anyway.
      this.#timer.unref?.();
    }
    return this.#queue;
  }

  #takeBackgroundError(): Promise<never> | null {
    if (this.#backgroundError === null) return null;
    const error = this.#backgroundError;
    this.#backgroundError = null;
    return Promise.reject(error);
  }

  /** Flushes, then marks the run ended (FINISHED unless told otherwise). */
  async end(status: Exclude<RunStatus, 'RUNNING' | 'SCHEDULED'> = 'FINISHED'): Promise<void> {
    await this.flush();
    await this.#client.call('POST', 'runs/update', { run_id: this.id, status, end_time: Date.now() });
  }

  /** The run as the server has it now. */
  async fetch(): Promise<Run> {
    const { run } = await this.#client.call<{ run: RunJson }>('GET', 'runs/get', { run_id: this.id });
    return readRun(run);
  }

  #send(data: { metrics?: Metric[]; params?: KeyValue[]; tags?: KeyValue[] }): Promise<void> {
    const batches = splitIntoBatches({
      metrics: data.metrics ?? [],
      params: data.params ?? [],
      tags: data.tags ?? [],
    });
    const sent = this.#queue.then(async () => {
      for (const batch of batches)
        await this.#client.call('POST', 'runs/log-batch', { run_id: this.id, ...batch });
    });
    // A failed flush is reported to its caller; later flushes still run.
    this.#queue = sent.catch(() => undefined);
    return sent;
  }
}

function toKeyValues(values: Record<string, unknown>): KeyValue[] {
  return Object.entries(values).map(([key, value]) => ({
    key,
    value: typeof value === 'string' ? value : JSON.stringify(value),
  }));
}

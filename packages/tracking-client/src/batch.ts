import { encodeDouble, type Metric } from './wire';

/** MLflow's log-batch limits (mlflow/utils/validation.py). */
export const BATCH_LIMITS = {
  metrics: 1_000,
  params: 100,
  tags: 100,
  items: 1_000,
  /** The server refuses bodies over 1,000,000 bytes; stay clear of it for the envelope. */
  bytes: 950_000,
} as const;

export interface KeyValue {
  key: string;
  value: string;
}

export interface BatchBody {
  metrics: Array<{ key: string; value: number | string; timestamp: number; step: number }>;
  params: KeyValue[];
  tags: KeyValue[];
}

const ENVELOPE_BYTES = 200;
const byteLength = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

/** Splits a run's pending data into log-batch bodies that each respect every MLflow limit. */
export function splitIntoBatches(data: {
  metrics: Metric[];
  params: KeyValue[];
  tags: KeyValue[];
}): BatchBody[] {
  const batches: BatchBody[] = [];
  let current: BatchBody = { metrics: [], params: [], tags: [] };
  let bytes = ENVELOPE_BYTES;
  const items = () => current.metrics.length + current.params.length + current.tags.length;
  const close = () => {
    if (items() > 0) batches.push(current);
    current = { metrics: [], params: [], tags: [] };
    bytes = ENVELOPE_BYTES;
  };
  const add = <K extends keyof BatchBody>(kind: K, item: BatchBody[K][number]) => {
    const size = byteLength(item) + 1;
    if (
      current[kind].length >= BATCH_LIMITS[kind] ||
      items() >= BATCH_LIMITS.items ||
      bytes + size > BATCH_LIMITS.bytes
    ) {
      close();
    }
    (current[kind] as BatchBody[K][number][]).push(item);
    bytes += size;
  };
  // Params and tags first, so a run's configuration lands before its curves.
  for (const param of data.params) add('params', param);
  for (const tag of data.tags) add('tags', tag);
  for (const m of data.metrics) {
    add('metrics', { key: m.key, value: encodeDouble(m.value), timestamp: m.timestamp, step: m.step });
  }
  close();
  return batches;
}

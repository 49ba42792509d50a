import { decodeMetricValue } from '@cairn/core/metric-value';

export interface CapturedMetric {
  key: string;
  value: number;
  step: number | null;
  /** Milliseconds since the epoch, as MLflow logs them; null when not captured. */
  timestamp: number | null;
}

function readNumber(text: unknown): number | null {
  if (typeof text !== 'string' && typeof text !== 'number') return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

/**
 * The run's latest metrics as captured at registration ({ key: { value, step, timestamp } }, each a
 * string so NaN, Infinity and -0 survive JSON), sorted by key. Entries of another shape are skipped.
 */
export function readCapturedMetrics(json: unknown): CapturedMetric[] {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return [];
  const out: CapturedMetric[] = [];
  for (const [key, entry] of Object.entries(json as Record<string, unknown>)) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { value, step, timestamp } = entry as Record<string, unknown>;
    if (typeof value !== 'string') continue;
    out.push({
      key,
      value: decodeMetricValue(value),
      step: readNumber(step),
      timestamp: readNumber(timestamp),
    });
  }
  return out.sort((a, b) => a.key.localeCompare(b.key));
}

import { decodeMetricValue } from '@cairn/core/metric-value';

export type MetricDirection = 'higher' | 'lower';
export type DeltaVerdict = 'better' | 'worse' | 'same' | 'incomparable';

export interface MetricDelta {
  /** Candidate minus production; null when either side is missing or not a finite number. */
  delta: number | null;
  verdict: DeltaVerdict;
}

/**
 * A candidate's metric against production's, both as captured (decimal text keeping NaN, Infinity
 * and -0). Better or worse follows the direction given: the policy's, or one read from the name.
 */
export function metricDelta(
  candidate: string | null,
  production: string | null,
  direction: MetricDirection,
): MetricDelta {
  if (candidate === null || production === null) return { delta: null, verdict: 'incomparable' };
  const a = decodeMetricValue(candidate);
  const b = decodeMetricValue(production);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return { delta: null, verdict: 'incomparable' };
  const delta = a - b;
  if (delta === 0) return { delta: 0, verdict: 'same' };
  const isBetter = direction === 'higher' ? delta > 0 : delta < 0;
  return { delta, verdict: isBetter ? 'better' : 'worse' };
}

/** "+0.012", "-3", "0": a delta with its sign, to at most 4 significant digits. */
export function formatDelta(delta: number): string {
  if (delta === 0) return '0';
  const text = String(Number(delta.toPrecision(4)));
  return delta > 0 ? `+${text}` : text;
}

/** Points per chart series the server ships at most; longer series are downsampled. */
export const CHART_MAX_POINTS = 2000;

export interface SeriesPoint {
  step: number;
  value: number;
  timestamp: number;
}

export interface DownsampledSeries {
  points: SeriesPoint[];
  isDownsampled: boolean;
}

/**
 * Largest-Triangle-Three-Buckets over the finite points, plus points a chart must never lose:
 * the first and last point, the global minimum and maximum (LTTB alone can drop a one-step
 * spike), and the non-finite values (NaN/±Infinity mark a diverged run; they are passed through
 * as-is and never enter the area math). Input is sorted by step; output keeps that order and has
 * at most maxPoints points. O(n).
 */
export function downsampleSeries(points: SeriesPoint[], maxPoints: number): DownsampledSeries {
  const limit = Math.floor(maxPoints);
  if (!(limit >= 1)) throw new RangeError(`maxPoints must be at least 1, got ${maxPoints}`);
  const n = points.length;
  if (n <= limit) return { points, isDownsampled: false };

  // One pass: finite points into typed arrays for the area math, global min/max, non-finite runs.
  const finiteIndex = new Int32Array(n);
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  let count = 0;
  let minIndex = -1;
  let maxIndex = -1;
  let minValue = Number.POSITIVE_INFINITY;
  let maxValue = Number.NEGATIVE_INFINITY;
  const nonFinite: number[] = [];
  let runStart = -1;
  let runValue = 0;
  for (let i = 0; i < n; i++) {
    const point = points[i] as SeriesPoint;
    const value = point.value;
    if (value - value === 0) {
      if (runStart !== -1) {
        closeRun(nonFinite, runStart, i - 1);
        runStart = -1;
      }
      finiteIndex[count] = i;
      xs[count] = point.step;
      ys[count] = value;
      count++;
      if (value < minValue) {
        minValue = value;
        minIndex = i;
      }
      if (value > maxValue) {
        maxValue = value;
        maxIndex = i;
      }
    } else if (runStart === -1 || !Object.is(value, runValue)) {
      if (runStart !== -1) closeRun(nonFinite, runStart, i - 1);
      runStart = i;
      runValue = value;
    }
  }
  if (runStart !== -1) closeRun(nonFinite, runStart, n - 1);

  // Must-keep points in priority order; when the budget is tiny the later ones give way.
  const required = new Set<number>();
  for (const index of [0, n - 1, maxIndex, minIndex]) {
    if (index >= 0 && required.size < limit) required.add(index);
  }
  // Non-finite stretches: keep the first and last point of each run of the same value, thinned
  // evenly if they alone would take more than half the budget.
  const nonFiniteBudget = Math.max(0, Math.floor((limit - required.size) / 2));
  const stride = nonFinite.length > nonFiniteBudget ? nonFinite.length / nonFiniteBudget : 1;
  for (let taken = 0, k = 0; taken < nonFiniteBudget && k < nonFinite.length; taken++, k += stride) {
    required.add(nonFinite[Math.floor(k)] as number);
  }

  const lttbBudget = limit - required.size;
  const chosen = lttb(finiteIndex, xs, ys, count, lttbBudget);
  const merged = mergeSorted(
    [...required].sort((a, b) => a - b),
    chosen,
  );
  return { points: merged.map((index) => points[index] as SeriesPoint), isDownsampled: true };
}

/** Non-finite stretches are summarised by their first and last point. */
function closeRun(edges: number[], start: number, end: number) {
  edges.push(start);
  if (end !== start) edges.push(end);
}

/** LTTB over the first `count` finite points choosing exactly `threshold` (all when fewer); returns source indices. */
function lttb(
  index: Int32Array,
  xs: Float64Array,
  ys: Float64Array,
  count: number,
  threshold: number,
): number[] {
  if (threshold <= 0 || count === 0) return [];
  if (count <= threshold) return Array.from(index.subarray(0, count));
  const first = index[0] as number;
  const last = index[count - 1] as number;
  if (threshold === 1) return [first];
  if (threshold === 2) return [first, last];

  const selected: number[] = [first];
  const bucketSize = (count - 2) / (threshold - 2);
  let a = 0;
  for (let bucket = 0; bucket < threshold - 2; bucket++) {
    const start = Math.floor(bucket * bucketSize) + 1;
    const end = Math.floor((bucket + 1) * bucketSize) + 1;
    // The average of the next bucket (the last point, for the final bucket) is the third vertex.
    const nextEnd = Math.min(Math.floor((bucket + 2) * bucketSize) + 1, count);
    let avgX = 0;
    let avgY = 0;
    for (let k = end; k < nextEnd; k++) {
      avgX += xs[k] as number;
      avgY += ys[k] as number;
    }
    avgX /= nextEnd - end;
    avgY /= nextEnd - end;

    const ax = xs[a] as number;
    const ay = ys[a] as number;
    let bestArea = -1;
    let best = start;
    for (let k = start; k < end; k++) {
      const area = Math.abs((ax - avgX) * ((ys[k] as number) - ay) - (ax - (xs[k] as number)) * (avgY - ay));
      if (area > bestArea) {
        bestArea = area;
        best = k;
      }
    }
    selected.push(index[best] as number);
    a = best;
  }
  selected.push(last);
  return selected;
}

function mergeSorted(left: number[], right: number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    const next =
      j >= right.length || (i < left.length && (left[i] as number) <= (right[j] as number))
        ? left[i++]
        : right[j++];
    if (out[out.length - 1] !== next) out.push(next as number);
  }
  return out;
}

export interface ComparableRun {
  id: string;
  metrics: ReadonlyArray<{ key: string; value: number }>;
}

export type MetricGoal = 'min' | 'max';

const LOWER_IS_BETTER = /(loss|error|err$|mse|rmse|mae|mape|perplexity|latency|duration|time)/i;

/**
 * Whether a smaller value of this metric is the better one. Runs do not say, so the name decides:
 * losses, errors and latencies go down, everything else (accuracy, auc, f1...) up.
 */
export function metricGoal(key: string): MetricGoal {
  return LOWER_IS_BETTER.test(key) ? 'min' : 'max';
}

export interface MetricRow {
  key: string;
  goal: MetricGoal;
  values: Array<number | null>;
  /** Indexes of the runs holding the best finite value (ties all marked); empty with fewer than 2 values. */
  bestIndexes: number[];
}

/** The final (latest) value of each metric per run, and which run is best at it. */
export function finalMetrics(runs: ReadonlyArray<ComparableRun>): MetricRow[] {
  const keys = [...new Set(runs.flatMap((run) => run.metrics.map((metric) => metric.key)))].sort();
  return keys.map((key) => {
    const goal = metricGoal(key);
    const values = runs.map((run) => run.metrics.find((metric) => metric.key === key)?.value ?? null);
    const finite = values.filter((value): value is number => value !== null && Number.isFinite(value));
    if (finite.length < 2) return { key, goal, values, bestIndexes: [] };
    const best = goal === 'min' ? Math.min(...finite) : Math.max(...finite);
    const bestIndexes = values.flatMap((value, index) => (value === best ? [index] : []));
    return { key, goal, values, bestIndexes };
  });
}

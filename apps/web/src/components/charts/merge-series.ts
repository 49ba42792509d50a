export interface ChartSeries {
  /** Stable id of the line (a run id); also the key of its values in the merged rows. */
  id: string;
  label: string;
  color: string;
  /** The line's points as the server sends them: parallel columns of steps and values. */
  steps: ReadonlyArray<number>;
  values: ReadonlyArray<number>;
}

export type MergedRow = { step: number } & Record<string, number | null>;

export interface MergedSeries {
  rows: MergedRow[];
  /** NaN and ±Infinity values: stored and listed, but a line cannot be drawn through them. */
  nonFiniteCount: number;
}

/**
 * One row per step across all series, so a shared tooltip reads every run at the hovered step.
 * Series sampled at different steps leave gaps that the chart bridges; when a series logged
 * several values at one step (retries), the last one wins, as on MLflow's chart.
 */
export function mergeSeries(series: ReadonlyArray<ChartSeries>): MergedSeries {
  const byStep = new Map<number, MergedRow>();
  let nonFiniteCount = 0;
  for (const line of series) {
    for (let index = 0; index < line.steps.length; index++) {
      const step = line.steps[index] as number;
      const value = line.values[index] as number;
      if (!Number.isFinite(value)) {
        nonFiniteCount += 1;
        continue;
      }
      let row = byStep.get(step);
      if (!row) {
        row = { step } as MergedRow;
        byStep.set(step, row);
      }
      row[line.id] = value;
    }
  }
  const rows = [...byStep.values()].sort((a, b) => a.step - b.step);
  return { rows, nonFiniteCount };
}

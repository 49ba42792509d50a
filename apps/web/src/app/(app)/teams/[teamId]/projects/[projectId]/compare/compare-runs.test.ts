import { describe, expect, it } from 'vitest';
import { finalMetrics, metricGoal } from './compare-runs';

const run = (id: string, metrics: Record<string, number>) => ({
  id,
  metrics: Object.entries(metrics).map(([key, value]) => ({ key, value })),
});

describe('finalMetrics', () => {
  it('marks the highest accuracy and the lowest loss', () => {
    const rows = finalMetrics([
      run('a', { accuracy: 0.9, val_loss: 0.3 }),
      run('b', { accuracy: 0.95, val_loss: 0.4 }),
      run('c', { accuracy: 0.95 }),
    ]);
    expect(rows).toEqual([
      { key: 'accuracy', goal: 'max', values: [0.9, 0.95, 0.95], bestIndexes: [1, 2] },
      { key: 'val_loss', goal: 'min', values: [0.3, 0.4, null], bestIndexes: [0] },
    ]);
  });

  it('never crowns NaN, and marks nothing with a single value', () => {
    const rows = finalMetrics([run('a', { f1: Number.NaN, auc: 0.7 }), run('b', { f1: 0.5 })]);
    expect(rows.find((row) => row.key === 'f1')?.bestIndexes).toEqual([]);
    expect(rows.find((row) => row.key === 'auc')?.bestIndexes).toEqual([]);
  });
});

describe('metricGoal', () => {
  it('reads the direction from the name', () => {
    expect(metricGoal('train/loss')).toBe('min');
    expect(metricGoal('rmse')).toBe('min');
    expect(metricGoal('accuracy')).toBe('max');
    expect(metricGoal('roc_auc')).toBe('max');
  });
});

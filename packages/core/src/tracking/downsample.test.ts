import { describe, expect, it } from 'vitest';
import { CHART_MAX_POINTS, downsampleSeries, type SeriesPoint } from './downsample';

function series(length: number, valueAt: (step: number) => number): SeriesPoint[] {
  return Array.from({ length }, (_, step) => ({
    step,
    value: valueAt(step),
    timestamp: 1_700_000_000_000 + step,
  }));
}

function expectStrictlyIncreasingSteps(points: SeriesPoint[]) {
  for (let i = 1; i < points.length; i++) {
    expect((points[i] as SeriesPoint).step).toBeGreaterThan((points[i - 1] as SeriesPoint).step);
  }
}

describe('downsampleSeries', () => {
  it('returns a short series untouched', () => {
    const points = series(CHART_MAX_POINTS, (step) => Math.sin(step));
    const result = downsampleSeries(points, CHART_MAX_POINTS);
    expect(result.isDownsampled).toBe(false);
    expect(result.points).toBe(points);
  });

  it('brings 1,000,000 points down to at most 2,000 quickly, in step order, keeping the ends', () => {
    const points = series(1_000_000, (step) => Math.sin(step / 1000) + (step % 7) * 0.01);
    const started = performance.now();
    const result = downsampleSeries(points, CHART_MAX_POINTS);
    const elapsed = performance.now() - started;
    expect(result.isDownsampled).toBe(true);
    expect(result.points.length).toBeLessThanOrEqual(CHART_MAX_POINTS);
    expect(result.points.length).toBeGreaterThan(CHART_MAX_POINTS - 10);
    expect(result.points[0]).toBe(points[0]);
    expect(result.points.at(-1)).toBe(points.at(-1));
    expectStrictlyIncreasingSteps(result.points);
    expect(elapsed).toBeLessThan(1000);
  });

  it('keeps a one-step spike and dip that buckets would average away', () => {
    const points = series(100_000, () => 1);
    (points[31_337] as SeriesPoint).value = 1000;
    (points[77_001] as SeriesPoint).value = -5;
    const result = downsampleSeries(points, 100);
    expect(result.points.length).toBeLessThanOrEqual(100);
    expect(result.points).toContain(points[31_337]);
    expect(result.points).toContain(points[77_001]);
  });

  it('keeps global min and max even with a tiny budget', () => {
    const points = series(1000, (step) => (step === 500 ? 9 : step === 600 ? -9 : 0));
    const result = downsampleSeries(points, 4);
    expect(result.points.map((p) => p.step)).toEqual([0, 500, 600, 999]);
    expect(downsampleSeries(points, 2).points.map((p) => p.step)).toEqual([0, 999]);
    expect(downsampleSeries(points, 1).points.map((p) => p.step)).toEqual([0]);
  });

  it('follows monotonic steps (a staircase) without reordering or duplicating', () => {
    const points = series(50_000, (step) => Math.floor(step / 5000));
    const result = downsampleSeries(points, 300);
    expect(result.points.length).toBeLessThanOrEqual(300);
    expectStrictlyIncreasingSteps(result.points);
    const values = result.points.map((p) => p.value);
    expect([...values].sort((a, b) => a - b)).toEqual(values);
    expect(new Set(values).size).toBe(10);
  });

  it('passes NaN and ±Infinity through as-is without corrupting the choice of finite points', () => {
    const points = series(10_000, (step) => step / 10_000);
    for (const step of [100, 101, 102]) (points[step] as SeriesPoint).value = Number.NaN;
    (points[5000] as SeriesPoint).value = Number.POSITIVE_INFINITY;
    (points[9000] as SeriesPoint).value = Number.NEGATIVE_INFINITY;
    const result = downsampleSeries(points, 200);
    expect(result.points.length).toBeLessThanOrEqual(200);
    const steps = result.points.map((p) => p.step);
    expect(steps).toEqual(expect.arrayContaining([100, 102, 5000, 9000]));
    expect(result.points.find((p) => p.step === 100)?.value).toBeNaN();
    expect(result.points.find((p) => p.step === 5000)?.value).toBe(Number.POSITIVE_INFINITY);
    expect(result.points.find((p) => p.step === 9000)?.value).toBe(Number.NEGATIVE_INFINITY);
    const finiteValues = result.points.filter((p) => Number.isFinite(p.value));
    expect(finiteValues.length).toBeGreaterThan(150);
    expect(Math.max(...finiteValues.map((p) => p.value))).toBe(9999 / 10_000);
  });

  it('stays within budget when most values are non-finite', () => {
    const points = series(20_000, (step) =>
      step % 2 === 0 ? Number.NaN : step % 3 === 0 ? Number.POSITIVE_INFINITY : step,
    );
    const result = downsampleSeries(points, 500);
    expect(result.points.length).toBeLessThanOrEqual(500);
    expectStrictlyIncreasingSteps(result.points);
    expect(result.points.some((p) => Number.isNaN(p.value))).toBe(true);
    const allNaN = series(5000, () => Number.NaN);
    const onlyNaN = downsampleSeries(allNaN, 50);
    expect(onlyNaN.points.length).toBeLessThanOrEqual(50);
    expect(onlyNaN.points[0]).toBe(allNaN[0]);
    expect(onlyNaN.points.at(-1)).toBe(allNaN.at(-1));
  });

  it('rejects a budget below one point', () => {
    expect(() =>
      downsampleSeries(
        series(10, () => 1),
        0,
      ),
    ).toThrow(RangeError);
  });
});

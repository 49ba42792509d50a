import { describe, expect, it } from 'vitest';
import { logBatchRequest, runIdRequest, searchRunsRequest } from './mlflow-requests';
import { double, encodeDouble, fromMlflowId, int64, toMlflowId } from './mlflow-values';

describe('protobuf JSON values', () => {
  it('reads doubles as numbers or the strings protobuf uses for NaN and the infinities', () => {
    expect(double.parse(1.5)).toBe(1.5);
    expect(double.parse('NaN')).toBeNaN();
    expect(double.parse('Infinity')).toBe(Number.POSITIVE_INFINITY);
    expect(double.parse('-Infinity')).toBe(Number.NEGATIVE_INFINITY);
    expect(double.parse('2.5')).toBe(2.5);
    expect(double.safeParse('abc').success).toBe(false);
  });

  it('writes NaN and the infinities back as strings', () => {
    expect([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0.25].map(encodeDouble)).toEqual([
      'NaN',
      'Infinity',
      '-Infinity',
      0.25,
    ]);
  });

  it('reads int64 as a number or a decimal string', () => {
    expect(int64.parse('1732550000000')).toBe(1732550000000);
    expect(int64.parse(7)).toBe(7);
    expect(int64.safeParse('7.5').success).toBe(false);
  });

  it('hands out run ids as 32 hex digits and accepts both forms back', () => {
    const uuid = '0193f0a2-7c1e-7a41-9c2b-3d4e5f607182';
    expect(toMlflowId(uuid)).toBe('0193f0a27c1e7a419c2b3d4e5f607182');
    expect(fromMlflowId('0193f0a27c1e7a419c2b3d4e5f607182')).toBe(uuid);
    expect(fromMlflowId(uuid.toUpperCase())).toBe(uuid);
    expect(fromMlflowId('42')).toBeNull();
  });
});

describe('request messages', () => {
  it('takes run_uuid when an old client sends no run_id', () => {
    expect(runIdRequest.parse({ run_uuid: 'abc' }).run_id).toBe('abc');
    expect(runIdRequest.safeParse({}).success).toBe(false);
  });

  it('defaults a batch to empty lists and a metric step to 0', () => {
    const batch = logBatchRequest.parse({
      run_id: 'r',
      metrics: [{ key: 'loss', value: 'NaN', timestamp: '10' }],
    });
    expect(batch.params).toEqual([]);
    expect(batch.metrics[0]).toMatchObject({ key: 'loss', step: 0, timestamp: 10 });
    expect(batch.metrics[0]?.value).toBeNaN();
  });

  it('reads enums by name or number, and a single query value as a list', () => {
    expect(searchRunsRequest.parse({ run_view_type: 3, experiment_ids: '1' })).toEqual({
      run_view_type: 'ALL',
      experiment_ids: ['1'],
    });
  });
});

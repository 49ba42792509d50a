import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import { parseRunOrderBy } from './run-order';

function errorOf(orderBy: string): DomainError {
  try {
    parseRunOrderBy([orderBy]);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error(`expected ${orderBy} to be rejected`);
}

describe('parseRunOrderBy', () => {
  it('returns no terms when there is no order_by', () => {
    expect(parseRunOrderBy(undefined)).toEqual([]);
    expect(parseRunOrderBy([])).toEqual([]);
  });

  it('parses entity, key and direction, ascending by default', () => {
    expect(
      parseRunOrderBy(['metrics.rmse ASC', 'attributes.start_time DESC', 'params.lr', 'tags.`x y` desc']),
    ).toEqual([
      { entity: 'metric', key: 'rmse', ascending: true },
      { entity: 'attribute', key: 'start_time', ascending: false },
      { entity: 'param', key: 'lr', ascending: true },
      { entity: 'tag', key: 'x y', ascending: false },
    ]);
  });

  it('accepts aliases, quoted keys and bare attribute names', () => {
    expect(parseRunOrderBy(['metric.`f1 score` Desc'])[0]).toEqual({
      entity: 'metric',
      key: 'f1 score',
      ascending: false,
    });
    expect(parseRunOrderBy(['tags."mlflow.runName" asc'])[0]).toEqual({
      entity: 'tag',
      key: 'mlflow.runName',
      ascending: true,
    });
    expect(parseRunOrderBy(['start_time DESC'])[0]).toEqual({
      entity: 'attribute',
      key: 'start_time',
      ascending: false,
    });
    expect(parseRunOrderBy(['attributes.created'])[0]).toMatchObject({ key: 'start_time' });
    expect(parseRunOrderBy(['attributes.`Run name`'])[0]).toMatchObject({ key: 'run_name' });
    expect(
      parseRunOrderBy(['attr.end_time', 'run.status', 'attributes.experiment_id']).map((t) => t.key),
    ).toEqual(['end_time', 'status', 'experiment_id']);
  });

  it('rejects malformed terms with INVALID_INPUT on orderBy', () => {
    const error = errorOf('metrics.rmse UP');
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.field).toBe('orderBy');
    expect(error.message).toMatch(
      /^Invalid ordering key in order_by clause 'metrics.rmse UP' at position 14/,
    );
    expect(errorOf('metrics.rmse ASC DESC').message).toMatch(/unexpected 'DESC'/);
    expect(errorOf('').message).toMatch(/Could not be parsed/);
    expect(errorOf('colour').message).toMatch(/Invalid attribute key 'colour'/);
    expect(errorOf('datasets.name').message).toMatch(/Invalid order_by entity type 'dataset'/);
    expect(errorOf('metricz.rmse').message).toMatch(/Invalid entity type 'metricz'/);
    expect(errorOf('metrics.`rmse').message).toMatch(/Unterminated/);
    expect(errorOf('metrics.rmse > 1').message).toMatch(/Invalid ordering key/);
  });
});

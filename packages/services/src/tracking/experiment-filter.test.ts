import { describe, expect, it } from 'vitest';
import { parseExperimentFilter, parseExperimentOrderBy } from './experiment-filter';

describe('experiment filter', () => {
  it('parses names, times and tags joined by AND', () => {
    expect(
      parseExperimentFilter(
        "name LIKE 'fraud-%' and tags.team = \"risk\" AND creation_time >= 1700000000000 AND tags.`my key` != 'x'",
      ),
    ).toEqual([
      { kind: 'name', comparator: 'LIKE', value: 'fraud-%' },
      { kind: 'tag', key: 'team', comparator: '=', value: 'risk' },
      { kind: 'time', column: 'createdAt', comparator: '>=', value: 1700000000000 },
      { kind: 'tag', key: 'my key', comparator: '!=', value: 'x' },
    ]);
    expect(parseExperimentFilter('  ')).toEqual([]);
    expect(parseExperimentFilter("attributes.name = 'a b'")).toEqual([
      { kind: 'name', comparator: '=', value: 'a b' },
    ]);
  });

  it('refuses what MLflow refuses, naming the filter', () => {
    for (const bad of [
      'name = unquoted',
      "name > 'a'",
      "owner = 'x'",
      "name = 'a' OR name = 'b'",
      "creation_time = '5'",
      "name = 'a' AND",
    ]) {
      expect(() => parseExperimentFilter(bad), bad).toThrow(expect.objectContaining({ field: 'filter' }));
    }
  });

  it('orders by MLflow columns with an id tie-breaker', () => {
    expect(parseExperimentOrderBy(undefined)).toEqual([
      { column: 'createdAt', isAscending: false },
      { column: 'id', isAscending: true },
    ]);
    expect(parseExperimentOrderBy(['name DESC', 'last_update_time'])).toEqual([
      { column: 'name', isAscending: false },
      { column: 'updatedAt', isAscending: true },
      { column: 'id', isAscending: true },
    ]);
    expect(() => parseExperimentOrderBy(['owner'])).toThrow(expect.objectContaining({ field: 'orderBy' }));
  });
});

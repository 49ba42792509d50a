import { parseRunFilter } from '@cairn/core/tracking/run-filter';
import { parseRunOrderBy } from '@cairn/core/tracking/run-order';
import { describe, expect, it } from 'vitest';
import { buildRunSearchSql, runIdFromFilterValue } from './run-search-sql';

const TEAM = '0190f5c4-0000-7000-8000-000000000001';
const EXPERIMENT = '0190f5c4-0000-7000-8000-000000000002';

function build(filter: string, orderBy: string[] = []) {
  return buildRunSearchSql({
    teamId: TEAM,
    experimentIds: [EXPERIMENT],
    viewType: 'ACTIVE_ONLY',
    clauses: parseRunFilter(filter),
    order: parseRunOrderBy(orderBy),
    cursor: {
      terms: orderBy.map(() => [0, 'x\'); DROP TABLE "Run"; --']),
      startTime: '2026-01-01T00:00:00.000Z',
      id: EXPERIMENT,
    },
    limit: 11,
  });
}

describe('buildRunSearchSql', () => {
  it('binds every user value as a parameter, never as SQL text', () => {
    const hostile = `x'); DROP TABLE "Run"; --`;
    const query = build(
      `params."${hostile.replaceAll('"', '""')}" = '${hostile.replaceAll("'", "''")}' AND tags.t LIKE '${hostile.replaceAll("'", "''")}' AND datasets.name IN ('${hostile.replaceAll("'", "''")}')`,
      ['params.`a b`', 'tags.t DESC'],
    );
    expect(query.sql).not.toContain('DROP TABLE');
    expect(query.values.filter((value) => value === hostile).length).toBeGreaterThanOrEqual(4);
    expect(query.values).toContain('a b');
  });

  it('orders by each term (rank first, so missing sorts last) then start time and id', () => {
    const query = build('', ['metrics.rmse DESC']);
    expect(query.sql).toMatch(
      /ORDER BY q\."s0r" ASC, q\."s0v" DESC, q\."startTime" DESC, q\."id" ASC\s+LIMIT/,
    );
  });
});

describe('runIdFromFilterValue', () => {
  it('accepts run ids as MLflow clients write them (32 hex digits) or as uuids', () => {
    const id = '0190f5c4-aaaa-7bbb-8ccc-ddddeeeeffff';
    expect(runIdFromFilterValue(id.replaceAll('-', ''))).toBe(id);
    expect(runIdFromFilterValue(id.toUpperCase())).toBe(id);
    expect(runIdFromFilterValue('run-1')).toBeNull();
  });
});

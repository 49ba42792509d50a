import { describe, expect, it } from 'vitest';
import {
  nextSort,
  orderByTerm,
  parseColumns,
  parseOrderTerm,
  readRunsQuery,
  writeRunsQuery,
} from './runs-query';

describe('order terms', () => {
  it('writes MLflow order_by terms, quoting keys that need it', () => {
    expect(orderByTerm({ entity: 'metrics', key: 'accuracy', isAscending: false })).toBe(
      'metrics.accuracy DESC',
    );
    expect(orderByTerm({ entity: 'params', key: 'val-loss/x', isAscending: true })).toBe(
      'params.`val-loss/x` ASC',
    );
  });

  it('reads back what it writes', () => {
    for (const term of [
      { entity: 'metrics', key: 'val.loss', isAscending: false },
      { entity: 'attributes', key: 'start_time', isAscending: true },
    ] as const) {
      expect(parseOrderTerm(orderByTerm(term))).toEqual(term);
    }
  });

  it('ignores an order it cannot read instead of sending it on', () => {
    expect(parseOrderTerm('accuracy DESC')).toBeNull();
    expect(parseOrderTerm('')).toBeNull();
  });
});

describe('header clicks', () => {
  it('cycle ascending, descending, default', () => {
    const first = nextSort(null, 'metrics', 'loss');
    expect(first).toEqual({ entity: 'metrics', key: 'loss', isAscending: true });
    const second = nextSort(first, 'metrics', 'loss');
    expect(second).toEqual({ entity: 'metrics', key: 'loss', isAscending: false });
    expect(nextSort(second, 'metrics', 'loss')).toBeNull();
  });

  it('start ascending on another column', () => {
    const current = { entity: 'metrics', key: 'loss', isAscending: false } as const;
    expect(nextSort(current, 'params', 'lr')).toEqual({ entity: 'params', key: 'lr', isAscending: true });
  });
});

describe('URL state', () => {
  it('round-trips filter, order and columns', () => {
    const state = {
      filter: "metrics.accuracy > 0.9 and params.lr = '0.01'",
      order: { entity: 'metrics', key: 'accuracy', isAscending: false },
      columns: [
        { entity: 'metrics', key: 'accuracy' },
        { entity: 'params', key: 'lr' },
      ],
    } as const;
    const query = writeRunsQuery({ ...state, columns: [...state.columns] });
    expect(readRunsQuery(new URLSearchParams(query))).toEqual(state);
  });

  it('leaves a default view out of the URL', () => {
    expect(writeRunsQuery({ filter: '  ', order: null, columns: null })).toBe('');
    expect(readRunsQuery(new URLSearchParams(''))).toEqual({ filter: '', order: null, columns: null });
  });

  it('drops column ids it does not know', () => {
    expect(parseColumns('metrics.a,bogus,attributes.x,tags.team')).toEqual([
      { entity: 'metrics', key: 'a' },
      { entity: 'tags', key: 'team' },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { diffJson } from './json-diff';

describe('diffJson', () => {
  it('lists changed, added and removed leaves by path', () => {
    expect(
      diffJson(
        { name: 'a', budget: { amount: 10, thresholds: [50, 80] }, gone: true },
        { name: 'b', budget: { amount: 10, thresholds: [50, 90, 100] }, added: 'x' },
      ),
    ).toEqual([
      { path: 'added', kind: 'added', after: 'x' },
      { path: 'budget.thresholds[1]', kind: 'changed', before: 80, after: 90 },
      { path: 'budget.thresholds[2]', kind: 'added', after: 100 },
      { path: 'gone', kind: 'removed', before: true },
      { path: 'name', kind: 'changed', before: 'a', after: 'b' },
    ]);
  });

  it('treats a created or deleted object as its fields added or removed', () => {
    expect(diffJson(null, { name: 'new' })).toEqual([{ path: 'name', kind: 'added', after: 'new' }]);
    expect(diffJson({ name: 'old' }, null)).toEqual([{ path: 'name', kind: 'removed', before: 'old' }]);
    expect(diffJson(null, null)).toEqual([]);
    expect(diffJson({ same: [1, { a: 2 }] }, { same: [1, { a: 2 }] })).toEqual([]);
  });
});

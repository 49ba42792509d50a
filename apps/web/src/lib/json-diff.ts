export interface JsonChange {
  /** Dotted path to the changed value; array items as [i]. */
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The leaf-level differences between two JSON values, in key order: what an audit event changed. */
export function diffJson(before: unknown, after: unknown, path = ''): JsonChange[] {
  if (before === undefined && after === undefined) return [];
  if (before === undefined || before === null) {
    if (after === undefined || after === null) return [];
    if (isObject(after) && path === '') return diffJson({}, after);
    return [{ path: path || '(value)', kind: 'added', after }];
  }
  if (after === undefined || after === null) {
    if (isObject(before) && path === '') return diffJson(before, {});
    return [{ path: path || '(value)', kind: 'removed', before }];
  }
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => diffJson(before[key], after[key], path ? `${path}.${key}` : key));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const length = Math.max(before.length, after.length);
    return Array.from({ length }, (_, i) => diffJson(before[i], after[i], `${path}[${i}]`)).flat();
  }
  return JSON.stringify(before) === JSON.stringify(after)
    ? []
    : [{ path: path || '(value)', kind: 'changed', before, after }];
}

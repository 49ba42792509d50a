/**
 * The runs table's state as it travels in the URL, so a filtered, sorted view can be shared:
 * `filter` (MLflow filter string), `order` (one MLflow order_by term) and `cols` (the columns).
 */

export type ColumnEntity = 'metrics' | 'params' | 'tags';
export type SortEntity = ColumnEntity | 'attributes';

/** A picked column: `metrics.accuracy`, `params.lr`, `tags.team`. */
export interface ColumnId {
  entity: ColumnEntity;
  key: string;
}

export interface SortTerm {
  entity: SortEntity;
  key: string;
  isAscending: boolean;
}

export interface RunsQueryState {
  filter: string;
  order: SortTerm | null;
  columns: ColumnId[] | null;
}

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
const COLUMN_ENTITIES: ReadonlySet<string> = new Set(['metrics', 'params', 'tags']);
const SORT_ENTITIES: ReadonlySet<string> = new Set(['metrics', 'params', 'tags', 'attributes']);

/** `entity.key`, with the key in backticks when MLflow's grammar needs them (dots, dashes, spaces). */
export function qualifiedName(entity: SortEntity, key: string): string {
  return PLAIN_KEY.test(key) ? `${entity}.${key}` : `${entity}.\`${key}\``;
}

/** The order_by term the server takes, e.g. "metrics.accuracy DESC". */
export function orderByTerm(term: SortTerm): string {
  return `${qualifiedName(term.entity, term.key)} ${term.isAscending ? 'ASC' : 'DESC'}`;
}

export function parseOrderTerm(value: string | null | undefined): SortTerm | null {
  if (!value) return null;
  const match = /^(metrics|params|tags|attributes)\.(?:`([^`]+)`|([^\s`]+))(?:\s+(ASC|DESC))?$/i.exec(
    value.trim(),
  );
  if (!match) return null;
  const entity = match[1]?.toLowerCase() ?? '';
  const key = match[2] ?? match[3];
  if (!SORT_ENTITIES.has(entity) || !key) return null;
  return { entity: entity as SortEntity, key, isAscending: match[4]?.toUpperCase() !== 'DESC' };
}

export function columnIdToString(column: ColumnId): string {
  return `${column.entity}.${column.key}`;
}

export function parseColumnId(value: string): ColumnId | null {
  const dot = value.indexOf('.');
  if (dot <= 0) return null;
  const entity = value.slice(0, dot);
  const key = value.slice(dot + 1);
  if (!COLUMN_ENTITIES.has(entity) || key === '') return null;
  return { entity: entity as ColumnEntity, key };
}

/** Keys never contain commas (MLflow allows letters, digits, _ - . / and spaces), so they separate. */
export function parseColumns(value: string | null | undefined): ColumnId[] | null {
  if (value === null || value === undefined) return null;
  return value
    .split(',')
    .map(parseColumnId)
    .filter((column): column is ColumnId => column !== null);
}

export function readRunsQuery(params: { get(name: string): string | null }): RunsQueryState {
  return {
    filter: params.get('filter') ?? '',
    order: parseOrderTerm(params.get('order')),
    columns: parseColumns(params.get('cols')),
  };
}

/** The query string for a state; empty parts are left out so a plain link stays plain. */
export function writeRunsQuery(state: RunsQueryState): string {
  const params = new URLSearchParams();
  if (state.filter.trim() !== '') params.set('filter', state.filter.trim());
  if (state.order) params.set('order', orderByTerm(state.order));
  if (state.columns) params.set('cols', state.columns.map(columnIdToString).join(','));
  return params.toString();
}

/** Header clicks cycle ascending, descending, then back to the server's default (newest first). */
export function nextSort(current: SortTerm | null, entity: SortEntity, key: string): SortTerm | null {
  if (!current || current.entity !== entity || current.key !== key) return { entity, key, isAscending: true };
  if (current.isAscending) return { entity, key, isAscending: false };
  return null;
}

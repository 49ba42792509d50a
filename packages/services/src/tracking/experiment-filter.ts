import { DomainError } from '@cairn/core/errors';

/** One condition of an MLflow search_experiments filter; conditions are joined by AND. */
export type ExperimentFilterClause =
  | { kind: 'name'; comparator: '=' | '!=' | 'LIKE' | 'ILIKE'; value: string }
  | { kind: 'time'; column: 'createdAt' | 'updatedAt'; comparator: NumericComparator; value: number }
  | { kind: 'tag'; key: string; comparator: '=' | '!=' | 'LIKE' | 'ILIKE'; value: string };

type NumericComparator = '=' | '!=' | '<' | '<=' | '>' | '>=';
const STRING_COMPARATORS = ['=', '!=', 'LIKE', 'ILIKE'] as const;
const NUMERIC_COMPARATORS = ['=', '!=', '<', '<=', '>', '>='] as const;

const CLAUSE =
  /\s*(?<ident>(?:attributes?\.)?[A-Za-z_]+|tags?\.(?:`[^`]+`|"[^"]+"|[\w.\-/: ]+?))\s*(?<op>!=|<=|>=|=|<|>|\bI?LIKE\b)\s*(?<value>'[^']*'|"[^"]*"|-?\d+(?:\.\d+)?)\s*/iy;
const AND = /AND\b/iy;

function invalid(message: string): never {
  throw new DomainError('INVALID_INPUT', message, { field: 'filter' });
}

function unquote(text: string): string {
  const first = text.charAt(0);
  return first === "'" || first === '"' || first === '`' ? text.slice(1, -1) : text;
}

/** Parses MLflow's experiment filter: name, creation_time, last_update_time and tags.<key>. */
export function parseExperimentFilter(filter: string | undefined): ExperimentFilterClause[] {
  const source = filter?.trim() ?? '';
  if (!source) return [];
  const clauses: ExperimentFilterClause[] = [];
  let position = 0;
  for (;;) {
    CLAUSE.lastIndex = position;
    const match = CLAUSE.exec(source);
    if (!match?.groups) invalid(`Invalid filter '${source}': could not parse '${source.slice(position)}'`);
    const ident = match.groups.ident!;
    const comparator = match.groups.op!.toUpperCase();
    const rawValue = match.groups.value!;
    clauses.push(toClause(ident, comparator, rawValue));
    position = CLAUSE.lastIndex;
    if (position >= source.length) return clauses;
    AND.lastIndex = position;
    if (!AND.exec(source)) invalid(`Invalid filter '${source}': expected AND at '${source.slice(position)}'`);
    position = AND.lastIndex;
  }
}

function toClause(ident: string, comparator: string, rawValue: string): ExperimentFilterClause {
  const isQuoted = /^['"]/.test(rawValue);
  const tag = /^tags?\.(.+)$/i.exec(ident);
  if (tag) {
    if (!isQuoted) invalid(`Invalid filter: the value of tag '${unquote(tag[1]!)}' must be a quoted string`);
    if (!isOneOf(comparator, STRING_COMPARATORS)) {
      invalid(`Invalid comparator '${comparator}' for tags; use one of ${STRING_COMPARATORS.join(', ')}`);
    }
    return { kind: 'tag', key: unquote(tag[1]!.trim()), comparator, value: unquote(rawValue) };
  }
  const attribute = ident.replace(/^attributes?\./i, '').toLowerCase();
  if (attribute === 'name') {
    if (!isQuoted) invalid('Invalid filter: the experiment name must be a quoted string');
    if (!isOneOf(comparator, STRING_COMPARATORS)) {
      invalid(`Invalid comparator '${comparator}' for name; use one of ${STRING_COMPARATORS.join(', ')}`);
    }
    return { kind: 'name', comparator, value: unquote(rawValue) };
  }
  if (attribute === 'creation_time' || attribute === 'last_update_time') {
    if (isQuoted) invalid(`Invalid filter: ${attribute} must be compared with a number`);
    if (!isOneOf(comparator, NUMERIC_COMPARATORS)) {
      invalid(
        `Invalid comparator '${comparator}' for ${attribute}; use one of ${NUMERIC_COMPARATORS.join(', ')}`,
      );
    }
    return {
      kind: 'time',
      column: attribute === 'creation_time' ? 'createdAt' : 'updatedAt',
      comparator,
      value: Number(rawValue),
    };
  }
  return invalid(
    `Invalid attribute key '${attribute}' specified. Valid keys are 'name', 'creation_time', 'last_update_time' and tags.<key>`,
  );
}

function isOneOf<T extends string>(value: string, options: readonly T[]): value is T {
  return (options as readonly string[]).includes(value);
}

export interface ExperimentOrderTerm {
  column: 'name' | 'createdAt' | 'updatedAt' | 'id';
  isAscending: boolean;
}

const ORDER_COLUMNS: Record<string, ExperimentOrderTerm['column']> = {
  name: 'name',
  creation_time: 'createdAt',
  last_update_time: 'updatedAt',
  experiment_id: 'id',
};

/** MLflow's experiment order_by: name, creation_time, last_update_time, experiment_id; ASC or DESC. */
export function parseExperimentOrderBy(orderBy: string[] | undefined): ExperimentOrderTerm[] {
  const terms = (orderBy ?? [])
    .filter((entry) => entry.trim())
    .map((entry) => {
      const match = /^\s*(?:attributes?\.)?([A-Za-z_]+)\s*(ASC|DESC)?\s*$/i.exec(entry);
      const column = match ? ORDER_COLUMNS[match[1]!.toLowerCase()] : undefined;
      if (!match || !column) {
        throw new DomainError(
          'INVALID_INPUT',
          `Invalid order_by clause '${entry}'. Order by one of name, creation_time, last_update_time or experiment_id, optionally followed by ASC or DESC`,
          { field: 'orderBy' },
        );
      }
      return { column, isAscending: (match[2] ?? 'ASC').toUpperCase() === 'ASC' };
    });
  // MLflow's default and tie-breaker: newest first, then by id.
  if (terms.length === 0) terms.push({ column: 'createdAt', isAscending: false });
  if (!terms.some((term) => term.column === 'id')) terms.push({ column: 'id', isAscending: true });
  return terms;
}

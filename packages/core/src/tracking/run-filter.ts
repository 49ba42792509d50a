import {
  at,
  type Identifier,
  invalidFilter,
  normaliseAttributeKey,
  readIdentifier,
  type Token,
  tokenize,
} from './search-lexer';

export type RunFilterEntity = 'metric' | 'param' | 'tag' | 'attribute' | 'dataset';
export type RunFilterComparator = '=' | '!=' | '>' | '>=' | '<' | '<=' | 'LIKE' | 'ILIKE' | 'IN' | 'NOT IN';
export interface RunFilterClause {
  entity: RunFilterEntity;
  key: string;
  comparator: RunFilterComparator;
  value: number | string | string[];
}

const NUMERIC_COMPARATORS: RunFilterComparator[] = ['>', '>=', '!=', '=', '<', '<='];
const STRING_COMPARATORS: RunFilterComparator[] = ['!=', '=', 'LIKE', 'ILIKE'];
const LIST_COMPARATORS: RunFilterComparator[] = [...STRING_COMPARATORS, 'IN', 'NOT IN'];

/** Attribute keys MLflow searches on (RunInfo searchable attributes), after alias normalisation. */
export const NUMERIC_RUN_ATTRIBUTES = ['start_time', 'end_time'] as const;
export const STRING_RUN_ATTRIBUTES = ['run_id', 'run_name', 'status', 'user_id', 'artifact_uri'] as const;
export const DATASET_KEYS = ['name', 'digest', 'context'] as const;

const fail: (message: string) => never = invalidFilter('filter');

function comparatorsFor(entity: RunFilterEntity, key: string): RunFilterComparator[] {
  switch (entity) {
    case 'metric':
      return NUMERIC_COMPARATORS;
    case 'param':
    case 'tag':
      return STRING_COMPARATORS;
    case 'dataset':
      return LIST_COMPARATORS;
    case 'attribute':
      return (NUMERIC_RUN_ATTRIBUTES as readonly string[]).includes(key)
        ? NUMERIC_COMPARATORS
        : LIST_COMPARATORS;
  }
}

const describe = (token: Token | undefined) => (token ? `'${token.raw}'` : 'end of filter');

class FilterParser {
  private index = 0;

  constructor(
    private readonly source: string,
    private readonly tokens: Token[],
  ) {}

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.index + offset];
  }

  private isKeyword(token: Token | undefined, keyword: string): boolean {
    return token?.kind === 'word' && token.value.toUpperCase() === keyword;
  }

  private position(token: Token | undefined): string {
    return at(token?.start ?? this.source.length);
  }

  /** filter := clause (AND clause)* */
  parse(): RunFilterClause[] {
    const clauses = [this.clause()];
    while (this.index < this.tokens.length) {
      const token = this.peek();
      if (token?.kind === 'semicolon') {
        fail(
          `Search filter contained multiple expressions '${this.source}' (';' ${this.position(token)}). Provide an AND-ed expression list.`,
        );
      }
      if (!this.isKeyword(token, 'AND')) {
        const rest = this.source.slice(token?.start ?? this.source.length).trim();
        const hint = this.isKeyword(token, 'OR') ? ' OR is not supported; combine clauses with AND.' : '';
        fail(`Invalid clause(s) in filter string: '${rest}' ${this.position(token)}.${hint}`);
      }
      this.index += 1;
      if (this.index >= this.tokens.length) fail(`Expected a clause after 'AND' ${this.position(undefined)}`);
      clauses.push(this.clause());
    }
    return clauses;
  }

  /** clause := identifier comparator value */
  private clause(): RunFilterClause {
    const head = this.peek();
    if (head?.kind === 'lparen') {
      fail(`Invalid clause(s) in filter string: parentheses are not supported ${this.position(head)}`);
    }
    if (this.isKeyword(head, 'AND') || this.isKeyword(head, 'OR') || this.isKeyword(head, 'NOT')) {
      fail(`Invalid clause(s) in filter string: unexpected '${head?.raw}' ${this.position(head)}`);
    }
    const { identifier, next } = readIdentifier(this.source, this.tokens, this.index, fail);
    this.index = next;
    const entity = identifier.entity;
    const key = entity === 'attribute' ? this.attributeKey(identifier) : identifier.key;
    if (entity === 'dataset' && !(DATASET_KEYS as readonly string[]).includes(key)) {
      fail(
        `Invalid dataset key '${key}' specified ${at(identifier.start)}. Valid keys are ${JSON.stringify(DATASET_KEYS)}`,
      );
    }
    const comparatorToken = this.peek();
    const comparator = this.comparator();
    const allowed = comparatorsFor(entity, key);
    if (!allowed.includes(comparator)) {
      fail(
        `Invalid comparator '${comparator}' ${this.position(comparatorToken)} for ${entity} '${key}', not one of ${JSON.stringify(allowed)}`,
      );
    }
    const value = this.value(entity, key, comparator);
    return { entity, key, comparator, value };
  }

  private attributeKey(identifier: Identifier): string {
    const key = normaliseAttributeKey(identifier.key);
    const valid: readonly string[] = [...STRING_RUN_ATTRIBUTES, ...NUMERIC_RUN_ATTRIBUTES];
    if (!valid.includes(key)) {
      fail(
        `Invalid attribute key '${identifier.key}' specified ${at(identifier.start)}. Valid keys are ${JSON.stringify([...valid, 'created'])}`,
      );
    }
    return key;
  }

  private comparator(): RunFilterComparator {
    const token = this.peek();
    if (token?.kind === 'op') {
      this.index += 1;
      if (!(NUMERIC_COMPARATORS as string[]).includes(token.value)) {
        fail(
          `Invalid comparator '${token.value}' ${this.position(token)}, not one of ${JSON.stringify(NUMERIC_COMPARATORS.concat(['LIKE', 'ILIKE', 'IN', 'NOT IN']))}`,
        );
      }
      return token.value as RunFilterComparator;
    }
    if (token?.kind === 'word') {
      const word = token.value.toUpperCase();
      if (word === 'LIKE' || word === 'ILIKE' || word === 'IN') {
        this.index += 1;
        return word;
      }
      if (word === 'NOT' && this.isKeyword(this.peek(1), 'IN')) {
        this.index += 2;
        return 'NOT IN';
      }
    }
    return fail(
      `Invalid comparison clause: expected a comparator (=, !=, >, >=, <, <=, LIKE, ILIKE, IN, NOT IN) but found ${describe(token)} ${this.position(token)}`,
    );
  }

  private value(
    entity: RunFilterEntity,
    key: string,
    comparator: RunFilterComparator,
  ): number | string | string[] {
    const token = this.peek();
    const isList = comparator === 'IN' || comparator === 'NOT IN';
    const isNumeric =
      entity === 'metric' ||
      (entity === 'attribute' && (NUMERIC_RUN_ATTRIBUTES as readonly string[]).includes(key));
    if (isNumeric) {
      if (token?.kind !== 'number') {
        const what = entity === 'metric' ? 'metric' : `numeric attribute: ${key}`;
        fail(`Expected numeric value type for ${what}. Found ${describe(token)} ${this.position(token)}`);
      }
      this.index += 1;
      const value = Number(token.value);
      if (!Number.isFinite(value)) fail(`Number ${token.raw} ${this.position(token)} is out of range`);
      return value;
    }
    if (isList) {
      if (entity === 'attribute' && key !== 'run_id') {
        fail(
          `Only the 'run_id' attribute supports comparison with a list of quoted string values (${comparator} ${this.position(token)})`,
        );
      }
      return this.list();
    }
    if (token?.kind === 'lparen') {
      fail(`A list of values is only valid with IN or NOT IN, not '${comparator}' ${this.position(token)}`);
    }
    if (token?.kind !== 'single' && token?.kind !== 'double') {
      const name =
        entity === 'attribute' ? 'attributes' : entity === 'dataset' ? 'dataset attributes' : entity;
      fail(
        `Expected a quoted string value for ${name} (e.g. 'my-value'). Got value ${describe(token)} ${this.position(token)}`,
      );
    }
    this.index += 1;
    return token.value;
  }

  /** list := '(' string (',' string)* ')' */
  private list(): string[] {
    const open = this.peek();
    if (open?.kind !== 'lparen') {
      fail(
        `Expected a parenthesised list of quoted strings after IN, found ${describe(open)} ${this.position(open)}`,
      );
    }
    this.index += 1;
    const values: string[] = [];
    if (this.peek()?.kind === 'rparen') {
      fail(
        `While parsing a list in the query, expected a non-empty list of string values, but got empty list ${this.position(open)}`,
      );
    }
    for (;;) {
      const item = this.peek();
      if (item?.kind !== 'single' && item?.kind !== 'double') {
        fail(
          `While parsing a list in the query, expected a quoted string value but found ${describe(item)} ${this.position(item)}`,
        );
      }
      values.push(item.value);
      this.index += 1;
      const after = this.peek();
      if (after?.kind === 'comma') {
        this.index += 1;
        continue;
      }
      if (after?.kind === 'rparen') {
        this.index += 1;
        return values;
      }
      fail(
        `While parsing a list in the query, expected ',' or ')' but found ${describe(after)} ${this.position(after)}`,
      );
    }
  }
}

/** MLflow search_runs filter string -> clauses joined by AND. Empty/blank -> []. Throws DomainError('INVALID_INPUT', message, {field:'filter'}) with MLflow-like messages. */
export function parseRunFilter(filter: string | undefined): RunFilterClause[] {
  if (filter === undefined || filter.trim() === '') return [];
  const tokens = tokenize(filter, fail);
  return new FilterParser(filter, tokens).parse();
}

import { DomainError } from '../errors';

/**
 * Tokenizer and identifier reader shared by the MLflow run filter and order_by parsers.
 * Positions are 0-based offsets into the source; messages show them 1-based.
 */
export type TokenKind =
  | 'word' // bare word, may contain dots: metrics.rmse, tags.mlflow.user, AND, 1st
  | 'number' // -1, 0.5, 1e-3
  | 'single' // 'quoted'
  | 'double' // "quoted"
  | 'backtick' // `quoted`
  | 'op' // = != > >= < <= (and invalid runs like == or <> for a precise error)
  | 'dot'
  | 'lparen'
  | 'rparen'
  | 'comma'
  | 'semicolon';

export interface Token {
  kind: TokenKind;
  /** Unquoted content for quoted tokens, the raw text otherwise. */
  value: string;
  /** Source text including quotes. */
  raw: string;
  start: number;
  end: number;
}

const NUMBER = /-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;
const WORD = /[A-Za-z0-9_][A-Za-z0-9_.]*/y;
const OP = /[<>=!]+/y;

export function at(position: number): string {
  return `at position ${position + 1}`;
}

export function tokenize(source: string, fail: (message: string) => never): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source.charAt(i);
    if (/\s/.test(ch)) {
      i += 1;
      continue;
    }
    const start = i;
    if (ch === "'" || ch === '"' || ch === '`') {
      // SQL-style escapes: a doubled quote or a backslash before the quote stands for the quote.
      let value = '';
      let j = i + 1;
      for (;;) {
        if (j >= source.length)
          fail(`Unterminated quoted string starting ${at(start)}: ${source.slice(start)}`);
        const c = source.charAt(j);
        const next = source.charAt(j + 1);
        if ((c === ch && next === ch) || (c === '\\' && next === ch)) {
          value += ch;
          j += 2;
        } else if (c === ch) break;
        else {
          value += c;
          j += 1;
        }
      }
      const kind: TokenKind = ch === "'" ? 'single' : ch === '"' ? 'double' : 'backtick';
      tokens.push({ kind, value, raw: source.slice(start, j + 1), start, end: j + 1 });
      i = j + 1;
      continue;
    }
    const simple: Partial<Record<string, TokenKind>> = {
      '(': 'lparen',
      ')': 'rparen',
      ',': 'comma',
      ';': 'semicolon',
    };
    const simpleKind = simple[ch];
    if (simpleKind) {
      tokens.push({ kind: simpleKind, value: ch, raw: ch, start, end: i + 1 });
      i += 1;
      continue;
    }
    NUMBER.lastIndex = i;
    const number = NUMBER.exec(source);
    // A number glued to a word character or a dot is part of a key (`1st_epoch`, `1.2.3`).
    if (number && !/[A-Za-z0-9_.]/.test(source.charAt(i + number[0].length))) {
      tokens.push({ kind: 'number', value: number[0], raw: number[0], start, end: i + number[0].length });
      i += number[0].length;
      continue;
    }
    WORD.lastIndex = i;
    const word = WORD.exec(source);
    if (word) {
      tokens.push({ kind: 'word', value: word[0], raw: word[0], start, end: i + word[0].length });
      i += word[0].length;
      continue;
    }
    if (ch === '.') {
      tokens.push({ kind: 'dot', value: '.', raw: '.', start, end: i + 1 });
      i += 1;
      continue;
    }
    OP.lastIndex = i;
    const op = OP.exec(source);
    if (op) {
      tokens.push({ kind: 'op', value: op[0], raw: op[0], start, end: i + op[0].length });
      i += op[0].length;
      continue;
    }
    fail(`Unexpected character '${ch}' ${at(start)}`);
  }
  return tokens;
}

export type SearchEntity = 'metric' | 'param' | 'tag' | 'attribute' | 'dataset';

const ENTITY_ALIASES: Record<string, SearchEntity> = {
  metric: 'metric',
  metrics: 'metric',
  parameter: 'param',
  parameters: 'param',
  param: 'param',
  params: 'param',
  tag: 'tag',
  tags: 'tag',
  attribute: 'attribute',
  attributes: 'attribute',
  attr: 'attribute',
  run: 'attribute',
  dataset: 'dataset',
  datasets: 'dataset',
};

export const VALID_ENTITY_TYPES = ['metric', 'parameter', 'tag', 'attribute', 'dataset'];

export interface Identifier {
  entity: SearchEntity;
  key: string;
  start: number;
  end: number;
  raw: string;
}

const isQuoted = (token: Token) =>
  token.kind === 'backtick' || token.kind === 'double' || token.kind === 'single';

/**
 * Reads `entity.key` starting at tokens[index]: the key is bare (`metrics.rmse`, dots allowed) or
 * quoted with backticks or double quotes (`metrics.\`f1 score\``, `tags."mlflow.user"`). A lone key
 * without an entity is an attribute, as in MLflow. Returns the identifier and the next index.
 */
export function readIdentifier(
  source: string,
  tokens: Token[],
  index: number,
  fail: (message: string) => never,
): { identifier: Identifier; next: number } {
  const first = tokens[index];
  if (!first || !(first.kind === 'word' || first.kind === 'backtick')) {
    const found = first ? `'${first.raw}'` : 'end of input';
    fail(
      `Invalid identifier: expected 'metrics.<key>', 'params.<key>', 'tags.<key>', 'attributes.<key>' or 'datasets.<key>' but found ${found} ${at(first?.start ?? source.length)}`,
    );
  }
  // Collect the tokens glued together without whitespace: metrics.`f1 score` is word + backtick.
  let last = index;
  while (
    tokens[last + 1] &&
    tokens[last + 1]?.start === tokens[last]?.end &&
    ['word', 'dot', 'backtick', 'double', 'single'].includes(tokens[last + 1]?.kind ?? '')
  ) {
    last += 1;
  }
  const parts = tokens.slice(index, last + 1);
  const raw = source.slice(first.start, parts[parts.length - 1]?.end ?? first.end);
  const invalid = (): never =>
    fail(
      `Invalid identifier '${raw}' ${at(first.start)}. Columns should be specified as 'attribute.<key>', 'metric.<key>', 'tag.<key>', 'dataset.<key>', or 'param.<key>'; quote keys with special characters in backticks or double quotes`,
    );

  let entityText: string;
  let keyParts: Token[];
  let keyPrefix = '';
  if (first.kind === 'word' && first.value.includes('.')) {
    const dot = first.value.indexOf('.');
    entityText = first.value.slice(0, dot);
    keyPrefix = first.value.slice(dot + 1);
    keyParts = parts.slice(1);
  } else if (parts.length === 1) {
    entityText = '';
    keyPrefix = first.value;
    keyParts = [];
  } else {
    entityText = first.value;
    if (parts[1]?.kind !== 'dot') invalid();
    keyParts = parts.slice(2);
  }

  let key: string;
  if (keyPrefix !== '' && keyParts.length === 0) key = keyPrefix;
  else if (keyPrefix === '' && keyParts.length === 1 && keyParts[0]) {
    const part = keyParts[0];
    if (part.kind === 'word' || isQuoted(part)) key = part.value;
    else key = invalid();
  } else key = invalid();
  if (key === '') invalid();

  let entity: SearchEntity;
  if (entityText === '') entity = 'attribute';
  else {
    const resolved = ENTITY_ALIASES[entityText];
    if (!resolved) {
      fail(
        `Invalid entity type '${entityText}' ${at(first.start)}. Valid values are ${JSON.stringify(VALID_ENTITY_TYPES)}`,
      );
    }
    entity = resolved;
  }
  return {
    identifier: { entity, key, start: first.start, end: first.start + raw.length, raw },
    next: last + 1,
  };
}

/** MLflow's attribute aliases: `created` is the start time, `Run name` the run name. */
export function normaliseAttributeKey(key: string): string {
  if (key === 'created' || key === 'Created') return 'start_time';
  if (key === 'run name' || key === 'Run name' || key === 'Run Name') return 'run_name';
  return key;
}

export function invalidFilter(field: string): (message: string) => never {
  return (message: string) => {
    throw new DomainError('INVALID_INPUT', message, { field });
  };
}

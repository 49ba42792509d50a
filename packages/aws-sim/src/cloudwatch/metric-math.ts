import { asRecords, type Problems } from '../core/validation';
import { type EndpointLookup, type MetricQuery, series } from './metrics';
import type { TrafficHistory } from './traffic';

/** An arithmetic expression over query ids: numbers, ids, + - * /, unary minus and parentheses. */
export type Expression =
  | { kind: 'number'; value: number }
  | { kind: 'id'; id: string }
  | { kind: 'negate'; operand: Expression }
  | { kind: 'binary'; operator: '+' | '-' | '*' | '/'; left: Expression; right: Expression };

const TOKEN = /\s*(?:(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|([a-z][a-zA-Z0-9_]*)|([-+*/()]))/y;

function tokenize(source: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < source.length) {
    if (/^\s*$/.test(source.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const match = TOKEN.exec(source);
    if (!match) throw new Error(`unexpected character at position ${at + 1}`);
    tokens.push(match[0].trim());
  }
  return tokens;
}

/** Parses an expression by recursive descent; throws with a readable message on bad syntax. */
export function parseExpression(source: string): Expression {
  const tokens = tokenize(source);
  let position = 0;
  const peek = () => tokens[position];
  const take = () => tokens[position++];

  function primary(): Expression {
    const token = take();
    if (token === undefined) throw new Error('the expression ends too early');
    if (token === '(') {
      const inner = sum();
      if (take() !== ')') throw new Error('a parenthesis is not closed');
      return inner;
    }
    if (token === '-') return { kind: 'negate', operand: primary() };
    if (/^\d/.test(token)) return { kind: 'number', value: Number(token) };
    if (/^[a-z]/.test(token)) return { kind: 'id', id: token };
    throw new Error(`unexpected '${token}'`);
  }

  function product(): Expression {
    let left = primary();
    while (peek() === '*' || peek() === '/') {
      const operator = take() as '*' | '/';
      left = { kind: 'binary', operator, left, right: primary() };
    }
    return left;
  }

  function sum(): Expression {
    let left = product();
    while (peek() === '+' || peek() === '-') {
      const operator = take() as '+' | '-';
      left = { kind: 'binary', operator, left, right: product() };
    }
    return left;
  }

  if (tokens.length === 0) throw new Error('the expression is empty');
  const expression = sum();
  if (position < tokens.length) throw new Error(`unexpected '${tokens[position]}'`);
  return expression;
}

export function referencedIds(expression: Expression): string[] {
  switch (expression.kind) {
    case 'number':
      return [];
    case 'id':
      return [expression.id];
    case 'negate':
      return referencedIds(expression.operand);
    case 'binary':
      return [...referencedIds(expression.left), ...referencedIds(expression.right)];
  }
}

/** The value for one timestamp; undefined when an id has no value there or a division is by zero. */
export function evaluateExpression(
  expression: Expression,
  values: Record<string, number>,
): number | undefined {
  switch (expression.kind) {
    case 'number':
      return expression.value;
    case 'id':
      return values[expression.id];
    case 'negate': {
      const operand = evaluateExpression(expression.operand, values);
      return operand === undefined ? undefined : -operand;
    }
    case 'binary': {
      const left = evaluateExpression(expression.left, values);
      const right = evaluateExpression(expression.right, values);
      if (left === undefined || right === undefined) return undefined;
      switch (expression.operator) {
        case '+':
          return left + right;
        case '-':
          return left - right;
        case '*':
          return left * right;
        case '/':
          return right === 0 ? undefined : left / right;
      }
    }
  }
}

export interface MetricStatQuery {
  id: string;
  query: MetricQuery;
  stat: string;
}

/** A metric-math alarm's queries: MetricStat ones and the one expression whose result is alarmed on. */
export interface MetricMath {
  stats: MetricStatQuery[];
  returned: { id: string; expression: Expression };
  periodSeconds: number;
}

const QUERY_ID = /^[a-z][a-zA-Z0-9_]*$/;
const STAT = /^(SampleCount|Average|Sum|Minimum|Maximum|p(\d{1,2}(\.\d+)?|100))$/;

function parseDimensions(problems: Problems, metric: Record<string, unknown>, path: string) {
  const dimensions: Record<string, string> = {};
  asRecords(problems.array(metric, 'Dimensions', `${path}.Dimensions`, { max: 30 })).forEach(
    (dimension, index) => {
      const at = `${path}.Dimensions.${index + 1}.member`;
      const name = problems.string(dimension, 'Name', `${at}.Name`, { required: true, min: 1 });
      const value = problems.string(dimension, 'Value', `${at}.Value`, { required: true, min: 1 });
      if (name && value) dimensions[name] = value;
    },
  );
  return dimensions;
}

/**
 * Validates PutMetricAlarm's `Metrics` as CloudWatch does: ids unique and starting lowercase, each
 * entry a MetricStat or an Expression, exactly one with ReturnData true (the default), all of one
 * period. Expressions may refer to MetricStat queries (not to other expressions).
 */
export function parseMetricMath(problems: Problems, input: Record<string, unknown>): MetricMath | undefined {
  const entries = asRecords(problems.array(input, 'Metrics', 'Metrics', { required: true, min: 1, max: 10 }));
  const stats: MetricStatQuery[] = [];
  const expressions: { id: string; source: string; isReturned: boolean }[] = [];
  const periods = new Set<number>();
  const ids = new Set<string>();
  entries.forEach((entry, index) => {
    const at = `Metrics.${index + 1}.member`;
    const id = problems.string(entry, 'Id', `${at}.Id`, {
      required: true,
      min: 1,
      max: 255,
      pattern: QUERY_ID,
    });
    if (id && ids.has(id)) problems.note(`The Id ${id} is used more than once in Metrics.`);
    if (id) ids.add(id);
    const isReturned = entry.ReturnData !== false;
    const metricStat = problems.object(entry, 'MetricStat', `${at}.MetricStat`);
    const expression = problems.string(entry, 'Expression', `${at}.Expression`, { min: 1, max: 2048 });
    if ((metricStat === undefined) === (expression === undefined)) {
      problems.note(
        `Exactly one of MetricStat and Expression must be specified for the metric ${id ?? index + 1}.`,
      );
      return;
    }
    if (expression !== undefined) {
      if (id) expressions.push({ id, source: expression, isReturned });
      return;
    }
    const statAt = `${at}.MetricStat`;
    const metric = problems.object(metricStat as Record<string, unknown>, 'Metric', `${statAt}.Metric`, {
      required: true,
    });
    const period = problems.number(metricStat as Record<string, unknown>, 'Period', `${statAt}.Period`, {
      required: true,
      min: 1,
    });
    const stat = problems.string(metricStat as Record<string, unknown>, 'Stat', `${statAt}.Stat`, {
      required: true,
      pattern: STAT,
    });
    if (period !== undefined) periods.add(period);
    if (!metric) return;
    const namespace = problems.string(metric, 'Namespace', `${statAt}.Metric.Namespace`, {
      required: true,
      min: 1,
    });
    const metricName = problems.string(metric, 'MetricName', `${statAt}.Metric.MetricName`, {
      required: true,
      min: 1,
    });
    const dimensions = parseDimensions(problems, metric, `${statAt}.Metric`);
    if (isReturned && id) expressions.push({ id, source: id, isReturned });
    if (id && namespace && metricName && stat)
      stats.push({ id, query: { namespace, metricName, dimensions }, stat });
  });
  const returned = expressions.filter((expression) => expression.isReturned);
  const returnCount = entries.filter((entry) => entry.ReturnData !== false).length;
  if (returnCount !== 1) {
    problems.note(`Exactly one element of the Metrics list should return data (found ${returnCount}).`);
  }
  if (periods.size > 1) problems.note('All MetricStat queries of an alarm must have the same Period.');
  const [period] = [...periods];
  if (period !== undefined && !([10, 20, 30].includes(period) || period % 60 === 0)) {
    problems.add(period, 'Metrics.member.MetricStat.Period', 'be 10, 20, 30 or a multiple of 60');
  }
  const [result] = returned;
  if (!result || returnCount !== 1 || period === undefined) return undefined;
  let parsed: Expression;
  try {
    parsed = parseExpression(result.source);
  } catch (error) {
    problems.note(`Invalid metrics math expression '${result.source}': ${(error as Error).message}.`);
    return undefined;
  }
  const known = new Set(stats.map((stat) => stat.id));
  for (const id of referencedIds(parsed)) {
    if (!known.has(id))
      problems.note(`The expression ${result.id} refers to ${id}, which is not a MetricStat query.`);
  }
  return { stats, returned: { id: result.id, expression: parsed }, periodSeconds: period };
}

/** The expression's datapoints over [start, end), newest first: one where every query has a value. */
export function mathSeries(
  lookup: EndpointLookup,
  traffic: TrafficHistory,
  math: MetricMath,
  options: { start: number; end: number; now: number },
): number[] {
  const byTimestamp = new Map<number, Record<string, number>>();
  for (const stat of math.stats) {
    const { timestamps, values } = series(lookup, traffic, stat.query, {
      ...options,
      periodSeconds: math.periodSeconds,
      stat: stat.stat,
    });
    timestamps.forEach((timestamp, index) => {
      const row = byTimestamp.get(timestamp) ?? {};
      row[stat.id] = values[index] as number;
      byTimestamp.set(timestamp, row);
    });
  }
  return [...byTimestamp.entries()]
    .sort(([a], [b]) => b - a)
    .map(([, row]) => evaluateExpression(math.returned.expression, row))
    .filter((value): value is number => value !== undefined);
}

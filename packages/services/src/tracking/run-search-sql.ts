import type { RunFilterClause } from '@cairn/core/tracking/run-filter';
import type { RunOrderTerm } from '@cairn/core/tracking/run-order';
import { Prisma } from '@cairn/db/client';

/**
 * Compiles parsed MLflow search clauses and order terms into one parameterised query over "Run".
 * Every user value is a bound parameter; the only raw SQL comes from closed sets (operators,
 * column names). Filters are EXISTS probes on the (runId, key) primary keys; each order term is a
 * LEFT JOIN exposing a rank (0 value, 1 NaN, 2 missing — so missing keys sort last both ways, as
 * in MLflow's SQL store) and a never-null value, which the keyset cursor compares on.
 */

type Sql = Prisma.Sql;
const { sql, raw, empty } = Prisma;

/** Prisma.join refuses an empty list; an empty list here means "nothing". */
function join(parts: readonly unknown[], separator = ', '): Sql {
  return parts.length === 0 ? empty : Prisma.join(parts, separator);
}

export type RunViewType = 'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL';

/** How a sort value is typed in SQL and in the page token. */
export type SortValueKind = 'float' | 'text' | 'timestamp' | 'uuid';

export interface SortColumn {
  kind: SortValueKind;
  ascending: boolean;
}

/** The last row of a page: per order term [rank, value], then the default start time and id. */
export interface RunCursor {
  terms: Array<[rank: number, value: string]>;
  startTime: string;
  id: string;
}

export interface RunSearchQuery {
  teamId: string;
  experimentIds: string[];
  viewType: RunViewType;
  clauses: RunFilterClause[];
  order: RunOrderTerm[];
  cursor: RunCursor | undefined;
  limit: number;
}

const COMPARATOR_SQL: Record<Exclude<RunFilterClause['comparator'], 'IN' | 'NOT IN'>, Sql> = {
  '=': raw('='),
  '!=': raw('<>'),
  '>': raw('>'),
  '>=': raw('>='),
  '<': raw('<'),
  '<=': raw('<='),
  LIKE: raw('LIKE'),
  ILIKE: raw('ILIKE'),
};

const STRING_ATTRIBUTE_COLUMN: Record<string, Sql> = {
  run_name: sql`r."name"`,
  status: sql`r."status"::text`,
  user_id: sql`r."userName"`,
  artifact_uri: sql`r."artifactUri"`,
};

const TIME_ATTRIBUTE_COLUMN: Record<string, Sql> = {
  start_time: sql`r."startTime"`,
  end_time: sql`r."endTime"`,
};

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

/** MLflow clients name runs by 32 hex digits; Cairn stores uuids. Either form, or null. */
export function runIdFromFilterValue(value: string): string | null {
  if (!UUID.test(value)) return null;
  const hex = value.replaceAll('-', '').toLowerCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** `column <op> value` for one string comparison, or list membership. */
function compareText(column: Sql, clause: RunFilterClause): Sql {
  if (clause.comparator === 'IN' || clause.comparator === 'NOT IN') {
    const values = clause.value as string[];
    const isIn = clause.comparator === 'IN';
    if (values.length === 0) return isIn ? sql`FALSE` : sql`TRUE`;
    return isIn ? sql`${column} IN (${join(values)})` : sql`${column} NOT IN (${join(values)})`;
  }
  return sql`${column} ${COMPARATOR_SQL[clause.comparator]} ${String(clause.value)}`;
}

/** Metrics compare as IEEE doubles: NaN satisfies only '!=' (Postgres would rank NaN above all). */
function compareMetric(clause: RunFilterClause): Sql {
  const op = COMPARATOR_SQL[clause.comparator as '>'];
  const value = sql`${clause.value as number}::float8`;
  const excludesNaN = clause.comparator === '>' || clause.comparator === '>=' || clause.comparator === '=';
  return excludesNaN
    ? sql`m."value" <> 'NaN'::float8 AND m."value" ${op} ${value}`
    : sql`m."value" ${op} ${value}`;
}

/** Epoch milliseconds as a timestamptz, clamped to the range of a JS Date. */
function timestampFromMs(ms: number): Sql {
  const clamped = Math.max(-8.64e15, Math.min(8.64e15, ms));
  return sql`to_timestamp(${clamped}::float8 / 1000)`;
}

function runIdCondition(clause: RunFilterClause): Sql {
  if (clause.comparator === 'LIKE' || clause.comparator === 'ILIKE') {
    // Patterns match the id as MLflow clients see it: 32 hex digits, no dashes.
    return compareText(sql`replace(r."id"::text, '-', '')`, clause);
  }
  if (clause.comparator === 'IN' || clause.comparator === 'NOT IN') {
    const ids = (clause.value as string[])
      .map(runIdFromFilterValue)
      .filter((id): id is string => id !== null);
    return compareText(sql`r."id"::text`, { ...clause, value: ids });
  }
  const id = runIdFromFilterValue(String(clause.value));
  if (id === null) return clause.comparator === '!=' ? sql`TRUE` : sql`FALSE`;
  return compareText(sql`r."id"::text`, { ...clause, value: id });
}

const DATASET_ELEMENTS = sql`jsonb_array_elements(CASE WHEN jsonb_typeof(r."datasetInputs") = 'array' THEN r."datasetInputs" ELSE '[]'::jsonb END)`;

function datasetCondition(clause: RunFilterClause): Sql {
  if (clause.key === 'context') {
    const tags = sql`jsonb_array_elements(CASE WHEN jsonb_typeof(d.value->'tags') = 'array' THEN d.value->'tags' ELSE '[]'::jsonb END)`;
    return sql`EXISTS (SELECT 1 FROM ${DATASET_ELEMENTS} AS d WHERE EXISTS (
      SELECT 1 FROM ${tags} AS t WHERE t.value->>'key' = 'mlflow.data.context' AND ${compareText(sql`(t.value->>'value')`, clause)}))`;
  }
  const field = clause.key === 'digest' ? 'digest' : 'name';
  return sql`EXISTS (SELECT 1 FROM ${DATASET_ELEMENTS} AS d WHERE ${compareText(sql`(d.value->'dataset'->>${field})`, clause)})`;
}

export function clauseCondition(clause: RunFilterClause): Sql {
  switch (clause.entity) {
    case 'metric':
      return sql`EXISTS (SELECT 1 FROM "RunLatestMetric" m WHERE m."runId" = r."id" AND m."key" = ${clause.key} AND ${compareMetric(clause)})`;
    case 'param':
      return sql`EXISTS (SELECT 1 FROM "RunParam" p WHERE p."runId" = r."id" AND p."key" = ${clause.key} AND ${compareText(sql`p."value"`, clause)})`;
    case 'tag':
      return sql`EXISTS (SELECT 1 FROM "RunTag" t WHERE t."runId" = r."id" AND t."key" = ${clause.key} AND ${compareText(sql`t."value"`, clause)})`;
    case 'dataset':
      return datasetCondition(clause);
    case 'attribute': {
      if (clause.key === 'run_id') return runIdCondition(clause);
      const time = TIME_ATTRIBUTE_COLUMN[clause.key];
      if (time)
        return sql`${time} ${COMPARATOR_SQL[clause.comparator as '>']} ${timestampFromMs(clause.value as number)}`;
      const column = STRING_ATTRIBUTE_COLUMN[clause.key];
      if (!column) throw new Error(`Unsupported run attribute ${clause.key}`);
      return compareText(column, clause);
    }
  }
}

interface CompiledTerm {
  join: Sql;
  rank: Sql;
  value: Sql;
  column: SortColumn;
}

const TEXT_ATTRIBUTE_SORT: Record<string, Sql> = {
  run_name: sql`r."name"`,
  status: sql`r."status"::text`,
  user_id: sql`r."userName"`,
  artifact_uri: sql`r."artifactUri"`,
};

function compileTerm(term: RunOrderTerm, index: number): CompiledTerm {
  const alias = raw(`o${index}`);
  const ascending = term.ascending;
  if (term.entity === 'metric') {
    return {
      join: sql`LEFT JOIN "RunLatestMetric" ${alias} ON ${alias}."runId" = r."id" AND ${alias}."key" = ${term.key}`,
      rank: sql`CASE WHEN ${alias}."value" IS NULL THEN 2 WHEN ${alias}."value" = 'NaN'::float8 THEN 1 ELSE 0 END`,
      value: sql`CASE WHEN ${alias}."value" IS NULL OR ${alias}."value" = 'NaN'::float8 THEN 0::float8 ELSE ${alias}."value" END`,
      column: { kind: 'float', ascending },
    };
  }
  if (term.entity === 'param' || term.entity === 'tag') {
    const table = raw(term.entity === 'param' ? '"RunParam"' : '"RunTag"');
    return {
      join: sql`LEFT JOIN ${table} ${alias} ON ${alias}."runId" = r."id" AND ${alias}."key" = ${term.key}`,
      rank: sql`CASE WHEN ${alias}."value" IS NULL THEN 2 ELSE 0 END`,
      value: sql`COALESCE(${alias}."value", '') COLLATE "C"`,
      column: { kind: 'text', ascending },
    };
  }
  switch (term.key) {
    case 'start_time':
      return {
        join: empty,
        rank: sql`0`,
        value: sql`r."startTime"`,
        column: { kind: 'timestamp', ascending },
      };
    case 'end_time':
      return {
        join: empty,
        rank: sql`CASE WHEN r."endTime" IS NULL THEN 2 ELSE 0 END`,
        value: sql`COALESCE(r."endTime", 'epoch'::timestamptz)`,
        column: { kind: 'timestamp', ascending },
      };
    case 'run_id':
      return { join: empty, rank: sql`0`, value: sql`r."id"`, column: { kind: 'uuid', ascending } };
    case 'experiment_id':
      return { join: empty, rank: sql`0`, value: sql`r."experimentId"`, column: { kind: 'uuid', ascending } };
    default: {
      const column = TEXT_ATTRIBUTE_SORT[term.key];
      if (!column) throw new Error(`Unsupported run order attribute ${term.key}`);
      return {
        join: empty,
        rank: sql`0`,
        value: sql`(${column}) COLLATE "C"`,
        column: { kind: 'text', ascending },
      };
    }
  }
}

export function sortColumnsOf(order: RunOrderTerm[]): SortColumn[] {
  return order.map((term, index) => compileTerm(term, index).column);
}

function typedValue(kind: SortValueKind, value: string): Sql {
  switch (kind) {
    case 'float':
      return sql`${value}::float8`;
    case 'text':
      return sql`${value}::text COLLATE "C"`;
    case 'timestamp':
      return sql`${value}::timestamptz`;
    case 'uuid':
      return sql`${value}::uuid`;
  }
}

/** Rows strictly after the cursor in the ORDER BY below, as an OR-chain (directions may be mixed). */
function afterCursor(columns: SortColumn[], cursor: RunCursor): Sql {
  let condition = sql`(q."startTime" < ${cursor.startTime}::timestamptz OR (q."startTime" = ${cursor.startTime}::timestamptz AND q."id" > ${cursor.id}::uuid))`;
  for (let i = columns.length - 1; i >= 0; i--) {
    const column = columns[i] as SortColumn;
    const [rank, value] = cursor.terms[i] as [number, string];
    const rankColumn = raw(`q."s${i}r"`);
    const valueColumn = raw(`q."s${i}v"`);
    const last = typedValue(column.kind, value);
    const beyond = column.ascending ? sql`${valueColumn} > ${last}` : sql`${valueColumn} < ${last}`;
    condition = sql`(${rankColumn} > ${rank}::int OR (${rankColumn} = ${rank}::int AND (${beyond} OR (${valueColumn} = ${last} AND ${condition}))))`;
  }
  return condition;
}

/** One query: the page of runs (plus one row to know whether another page follows). */
export function buildRunSearchSql(query: RunSearchQuery): Sql {
  const terms = query.order.map(compileTerm);
  const where: Sql[] = [
    sql`r."teamId" = ${query.teamId}::uuid`,
    sql`r."experimentId" IN (${join(query.experimentIds.map((id) => sql`${id}::uuid`))})`,
  ];
  if (query.viewType === 'ACTIVE_ONLY') where.push(sql`r."deletedAt" IS NULL`);
  if (query.viewType === 'DELETED_ONLY') where.push(sql`r."deletedAt" IS NOT NULL`);
  for (const clause of query.clauses) where.push(clauseCondition(clause));

  const sortSelect = terms.map(
    (term, i) => sql`, ${term.rank} AS ${raw(`"s${i}r"`)}, ${term.value} AS ${raw(`"s${i}v"`)}`,
  );
  const joins = terms.map((term) => term.join);
  const outerWhere = query.cursor
    ? sql`WHERE ${afterCursor(
        terms.map((t) => t.column),
        query.cursor,
      )}`
    : empty;
  const orderBy = [
    ...terms.flatMap((term, i) => [
      raw(`q."s${i}r" ASC`),
      raw(`q."s${i}v" ${term.column.ascending ? 'ASC' : 'DESC'}`),
    ]),
    raw(`q."startTime" DESC`),
    raw(`q."id" ASC`),
  ];
  return sql`
    SELECT q.* FROM (
      SELECT r."id", r."teamId", r."projectId", r."experimentId", r."name", r."status"::text AS "status",
             r."startTime", r."endTime", r."userName", r."createdById", r."source", r."gitCommit",
             r."artifactUri", r."datasetInputs", r."deletedAt"
             ${join(sortSelect, '')}
        FROM "Run" r
        ${join(joins, ' ')}
       WHERE ${join(where, ' AND ')}
    ) q
    ${outerWhere}
    ORDER BY ${join(orderBy, ', ')}
    LIMIT ${query.limit}`;
}

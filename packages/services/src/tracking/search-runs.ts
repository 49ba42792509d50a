import { DomainError, notFound } from '@cairn/core/errors';
import type { SearchRunsInput } from '@cairn/core/schemas/tracking';
import { parseRunFilter } from '@cairn/core/tracking/run-filter';
import { parseRunOrderBy } from '@cairn/core/tracking/run-order';
import type { ServiceContext } from '../context';
import { decodePageToken, encodePageToken } from './page-token';
import {
  buildRunSearchSql,
  type RunCursor,
  type SortColumn,
  type SortValueKind,
  sortColumnsOf,
} from './run-search-sql';
import { assertTrackingAccess } from './tracking-access';
import {
  type KeyValue,
  type LatestMetricView,
  type RunDetail,
  type RunRow,
  toRunView,
} from './tracking-views';

interface SearchRow extends RunRow {
  datasetInputs: unknown;
  [sortColumn: `s${number}${'r' | 'v'}`]: unknown;
}

/**
 * MLflow's search_runs over experiments of one project: the filter and order_by syntax of MLflow,
 * one SQL query for the page (keyset cursor, so deep pages cost what the first does), then the
 * page's params, tags and latest metrics, in parallel, one aggregated row per run.
 */
export async function searchRuns(
  ctx: ServiceContext,
  input: SearchRunsInput,
): Promise<{ runs: RunDetail[]; nextPageToken: string | undefined }> {
  const clauses = parseRunFilter(input.filter);
  const order = parseRunOrderBy(input.orderBy);
  const columns = sortColumnsOf(order);
  const cursor = input.pageToken ? decodeCursor(input.pageToken, columns) : undefined;

  const experimentIds = [...new Set(input.experimentIds)];
  const experiments = await ctx.db.experiment.findMany({
    where: { id: { in: experimentIds }, teamId: input.teamId },
    select: { id: true, teamId: true, projectId: true },
  });
  if (experiments.length !== experimentIds.length) throw notFound('Experiment');
  // One check per project; a foreign experiment is NOT_FOUND before anything else is said.
  const byProject = new Map(experiments.map((experiment) => [experiment.projectId, experiment]));
  for (const experiment of byProject.values())
    await assertTrackingAccess(ctx.db, ctx, experiment, 'tracking:read');
  if (byProject.size > 1) {
    throw new DomainError('INVALID_INPUT', 'Search runs of experiments in one project at a time', {
      field: 'experimentIds',
    });
  }

  const rows = await ctx.db.$queryRaw<SearchRow[]>(
    buildRunSearchSql({
      teamId: input.teamId,
      experimentIds,
      viewType: input.runViewType,
      clauses,
      order,
      cursor,
      limit: input.maxResults + 1,
    }),
  );
  const page = rows.slice(0, input.maxResults);
  const last = page[page.length - 1];
  const nextPageToken = rows.length > input.maxResults && last ? encodeCursor(last, columns) : undefined;
  return { runs: await withChildren(ctx, page), nextPageToken };
}

const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** One run's params or tags: keys and values as JSON arrays, in the same (unspecified) order. */
interface KeyValueGroupRow {
  runId: string;
  keys: string;
  values: string;
}

/** One run's latest metrics: keys as a JSON array; value, step, timestamp of each as doubles, base64. */
interface MetricGroupRow {
  runId: string;
  keys: string;
  numbers: string;
}

/*
 * The page's children come back as one row per run, each a few text columns parsed here, rather
 * than one row per param, tag and metric: a 1,000-run page holds ~28,000 of those, and turning
 * that many rows into objects through the driver and Prisma cost more than the queries. Keys and
 * values are JSON (any text survives). Metric numbers travel as their 8 bytes (float8send), so
 * NaN, ±Infinity and -0 arrive as stored (JSON has no NaN), whatever the server's
 * extra_float_digits, and neither side formats or parses 60,000 decimals; steps and ms timestamps
 * are exact as doubles (far inside 2^53). Postgres wraps base64 at 76 characters; Buffer.from
 * skips the line breaks. The aggregates of one SELECT see a group's rows in the same order, so
 * the i-th key goes with the i-th value.
 */

function keyValuesByRun(rows: KeyValueGroupRow[]): Map<string, KeyValue[]> {
  const byRun = new Map<string, KeyValue[]>();
  for (const row of rows) {
    const keys = JSON.parse(row.keys) as string[];
    const values = JSON.parse(row.values) as string[];
    byRun.set(row.runId, keys.map((key, i) => ({ key, value: values[i] as string })).sort(byKey));
  }
  return byRun;
}

function metricsByRunOf(rows: MetricGroupRow[]): Map<string, LatestMetricView[]> {
  const byRun = new Map<string, LatestMetricView[]>();
  for (const row of rows) {
    const keys = JSON.parse(row.keys) as string[];
    const numbers = Buffer.from(row.numbers, 'base64');
    byRun.set(
      row.runId,
      keys
        .map((key, i) => ({
          key,
          value: numbers.readDoubleBE(24 * i),
          step: numbers.readDoubleBE(24 * i + 8),
          timestamp: numbers.readDoubleBE(24 * i + 16),
        }))
        .sort(byKey),
    );
  }
  return byRun;
}

/** Pages above this many runs load their latest metrics as two queries, one per half. */
const SPLIT_METRICS_ABOVE = 250;

/**
 * Params, tags and latest metrics of a page of runs, in parallel on the pool: one query each,
 * whatever the page size, except that a large page's metrics (two thirds of its rows) load as two
 * halves, so Postgres works on them on two cores. Each query is one index range per run on the
 * (runId, key) primary key. Keys are sorted here, per run, which is cheaper than in SQL.
 */
async function withChildren(ctx: ServiceContext, page: SearchRow[]): Promise<RunDetail[]> {
  if (page.length === 0) return [];
  const runIds = page.map((row) => row.id);
  const half = Math.ceil(runIds.length / 2);
  const metricBatches =
    runIds.length > SPLIT_METRICS_ABOVE ? [runIds.slice(0, half), runIds.slice(half)] : [runIds];
  const [params, tags, metrics] = await Promise.all([
    ctx.db.$queryRaw<KeyValueGroupRow[]>`
      SELECT p."runId"::text AS "runId", json_agg(p."key")::text AS "keys", json_agg(p."value")::text AS "values"
        FROM "RunParam" p
       WHERE p."runId" = ANY(${runIds}::uuid[])
       GROUP BY p."runId"`,
    ctx.db.$queryRaw<KeyValueGroupRow[]>`
      SELECT t."runId"::text AS "runId", json_agg(t."key")::text AS "keys", json_agg(t."value")::text AS "values"
        FROM "RunTag" t
       WHERE t."runId" = ANY(${runIds}::uuid[])
       GROUP BY t."runId"`,
    Promise.all(
      metricBatches.map(
        (batch) => ctx.db.$queryRaw<MetricGroupRow[]>`
      SELECT m."runId"::text AS "runId", json_agg(m."key")::text AS "keys",
             encode(string_agg(float8send(m."value") || float8send(m."step"::float8) || float8send(m."timestamp"::float8), ''::bytea), 'base64') AS "numbers"
        FROM "RunLatestMetric" m
       WHERE m."runId" = ANY(${batch}::uuid[])
       GROUP BY m."runId"`,
      ),
    ),
  ]);
  const paramsByRun = keyValuesByRun(params);
  const tagsByRun = keyValuesByRun(tags);
  const metricsByRun = metricsByRunOf(metrics.flat());
  // Properties added to the fresh view, not spread into a copy: 1,000 spreads showed in profiles.
  return page.map((row) =>
    Object.assign(toRunView(row), {
      params: paramsByRun.get(row.id) ?? [],
      tags: tagsByRun.get(row.id) ?? [],
      metrics: metricsByRun.get(row.id) ?? [],
      datasetInputs: Array.isArray(row.datasetInputs) ? (row.datasetInputs as unknown[]) : [],
    }),
  );
}

function sortValueToToken(kind: SortValueKind, value: unknown): string {
  if (kind === 'timestamp') return (value as Date).toISOString();
  // String(number) round-trips every double, including ±Infinity, which JSON cannot carry.
  return String(value);
}

function encodeCursor(row: SearchRow, columns: SortColumn[]): string {
  const cursor: RunCursor = {
    terms: columns.map((column, i) => [Number(row[`s${i}r`]), sortValueToToken(column.kind, row[`s${i}v`])]),
    startTime: row.startTime.toISOString(),
    id: row.id,
  };
  return encodePageToken(cursor);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const FLOAT = /^(-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?|-?Infinity)$/i;
const isTimestamp = (value: unknown) =>
  typeof value === 'string' && ISO_TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value));

function isSortValue(kind: SortValueKind, value: unknown): boolean {
  if (typeof value !== 'string') return false;
  switch (kind) {
    case 'float':
      return FLOAT.test(value);
    case 'text':
      return !value.includes('\u0000');
    case 'timestamp':
      return isTimestamp(value);
    case 'uuid':
      return UUID.test(value);
  }
}

/** A cursor made for this order_by: one [rank, value] per term, typed as the term sorts. */
function decodeCursor(token: string, columns: SortColumn[]): RunCursor {
  return decodePageToken(token, (value): value is RunCursor => {
    if (typeof value !== 'object' || value === null) return false;
    const { terms, startTime, id } = value as Partial<RunCursor>;
    return (
      Array.isArray(terms) &&
      terms.length === columns.length &&
      terms.every(
        (term, i) =>
          Array.isArray(term) &&
          term.length === 2 &&
          (term[0] === 0 || term[0] === 1 || term[0] === 2) &&
          isSortValue((columns[i] as SortColumn).kind, term[1]),
      ) &&
      isTimestamp(startTime) &&
      typeof id === 'string' &&
      UUID.test(id)
    );
  });
}

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
  type LatestMetricRow,
  type RunDetail,
  type RunRow,
  toRunDetail,
} from './tracking-views';

interface SearchRow extends RunRow {
  datasetInputs: unknown;
  [sortColumn: `s${number}${'r' | 'v'}`]: unknown;
}

/**
 * MLflow's search_runs over experiments of one project: the filter and order_by syntax of MLflow,
 * one SQL query for the page (keyset cursor, so deep pages cost what the first does), then the
 * page's params, tags and latest metrics in one query each.
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

interface ChildRow {
  runId: string;
  key: string;
  value: string;
}

interface MetricChildRow {
  runId: string;
  key: string;
  value: number;
  step: number;
  timestamp: number;
}

/**
 * Params, tags and latest metrics of a page of runs: three queries whatever the page size, each
 * one index range per run on the (runId, key) primary key. Keys are sorted here, per run, which
 * is cheaper than sorting the whole result in SQL.
 */
async function withChildren(ctx: ServiceContext, page: SearchRow[]): Promise<RunDetail[]> {
  if (page.length === 0) return [];
  const runIds = page.map((row) => row.id);
  // Bigints come back as numbers: steps and ms timestamps stay far inside 2^53.
  const [params, tags, metrics] = await Promise.all([
    ctx.db.$queryRaw<ChildRow[]>`
      SELECT p."runId"::text AS "runId", p."key", p."value" FROM "RunParam" p
       WHERE p."runId" = ANY(${runIds}::uuid[])`,
    ctx.db.$queryRaw<ChildRow[]>`
      SELECT t."runId"::text AS "runId", t."key", t."value" FROM "RunTag" t
       WHERE t."runId" = ANY(${runIds}::uuid[])`,
    ctx.db.$queryRaw<MetricChildRow[]>`
      SELECT m."runId"::text AS "runId", m."key", m."value", m."step"::float8 AS "step", m."timestamp"::float8 AS "timestamp"
        FROM "RunLatestMetric" m
       WHERE m."runId" = ANY(${runIds}::uuid[])`,
  ]);
  const group = <T extends { runId: string; key: string }>(items: T[]) => {
    const byRun = new Map<string, T[]>();
    for (const item of items) {
      const list = byRun.get(item.runId);
      if (list) list.push(item);
      else byRun.set(item.runId, [item]);
    }
    for (const list of byRun.values()) list.sort(byKey);
    return byRun;
  };
  const paramsByRun = group(params);
  const tagsByRun = group(tags);
  const metricsByRun = group(metrics);
  const keyValues = (items: KeyValue[] | undefined) =>
    (items ?? []).map(({ key, value }) => ({ key, value }));
  return page.map((row) =>
    toRunDetail({
      ...row,
      params: keyValues(paramsByRun.get(row.id)),
      tags: keyValues(tagsByRun.get(row.id)),
      latestMetrics: (metricsByRun.get(row.id) ?? []) as LatestMetricRow[],
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

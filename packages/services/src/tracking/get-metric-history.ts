import type { GetMetricHistoryInput } from '@cairn/core/schemas/tracking';
import { GET_METRIC_HISTORY_MAX_RESULTS } from '@cairn/core/tracking/mlflow-limits';
import type { ServiceContext } from '../context';
import { decodePageToken, encodePageToken } from './page-token';
import { findAccessibleRun } from './tracking-access';
import { bigIntToNumber } from './tracking-views';

export interface MetricHistoryPoint {
  key: string;
  value: number;
  timestamp: number;
  step: number;
}

/** Where a page ends: the last point's sort key. The value travels as text, so NaN survives JSON. */
interface HistoryCursor {
  s: number;
  t: number;
  v: string;
}

const isCursor = (value: unknown): value is HistoryCursor => {
  const c = value as Partial<HistoryCursor> | null;
  return (
    typeof c === 'object' &&
    c !== null &&
    Number.isSafeInteger(c.s) &&
    Number.isSafeInteger(c.t) &&
    typeof c.v === 'string' &&
    (c.v === 'NaN' || !Number.isNaN(Number(c.v)))
  );
};

/** Every point of one run's metric, by step, then timestamp, then value; keyset pages. */
export async function getMetricHistory(
  ctx: ServiceContext,
  input: GetMetricHistoryInput,
): Promise<{ metrics: MetricHistoryPoint[]; nextPageToken: string | undefined }> {
  const limit = input.maxResults ?? GET_METRIC_HISTORY_MAX_RESULTS;
  const after = input.pageToken ? decodePageToken(input.pageToken, isCursor) : null;
  const run = await findAccessibleRun(ctx.db, ctx, input, 'tracking:read');
  type Row = { step: bigint; timestamp: bigint; value: number };
  const rows = after
    ? await ctx.db.$queryRaw<Row[]>`
        SELECT "step", "timestamp", "value" FROM "MetricPoint"
         WHERE "runId" = ${run.id}::uuid AND "key" = ${input.key}
           AND ("step", "timestamp", "value") > (${after.s}::bigint, ${after.t}::bigint, ${after.v}::float8)
         ORDER BY "step", "timestamp", "value"
         LIMIT ${limit + 1}`
    : await ctx.db.$queryRaw<Row[]>`
        SELECT "step", "timestamp", "value" FROM "MetricPoint"
         WHERE "runId" = ${run.id}::uuid AND "key" = ${input.key}
         ORDER BY "step", "timestamp", "value"
         LIMIT ${limit + 1}`;
  const page = rows.slice(0, limit).map((row) => ({
    key: input.key,
    value: row.value,
    timestamp: bigIntToNumber(row.timestamp),
    step: bigIntToNumber(row.step),
  }));
  const last = page[page.length - 1];
  return {
    metrics: page,
    nextPageToken:
      rows.length > limit && last
        ? encodePageToken({ s: last.step, t: last.timestamp, v: String(last.value) } satisfies HistoryCursor)
        : undefined,
  };
}

import { DomainError } from '@cairn/core/errors';
import type { LogRunDataInput } from '@cairn/core/schemas/tracking';
import type { Tx } from '@cairn/db/client';
import { recordAudit } from '../audit/record-audit';
import type { ServiceContext } from '../context';
import { columnsFromTags, tagMap } from './run-system-tags';
import { assertRunActive, findAccessibleRun, mlflowId } from './tracking-access';
import { validateLogBatch } from './tracking-limits';

/**
 * MLflow's log-batch, the ingest hot path: the whole batch is checked first, then written in one
 * transaction with a fixed number of statements whatever its size (params, tags, and points plus
 * latest values in one statement), and audited as one event with counts. Writes to a deleted run
 * are refused; a FINISHED run still accepts data, as in MLflow.
 */
export async function logRunData(ctx: ServiceContext, input: LogRunDataInput): Promise<void> {
  validateLogBatch(input);
  const tags = tagMap(input.tags);
  await ctx.db.$transaction(async (tx) => {
    const run = await findAccessibleRun(tx, ctx, input, 'tracking:write');
    assertRunActive(run);
    if (input.params.length > 0) await insertParams(tx, run.id, input.params);
    if (tags.size > 0) await upsertTags(tx, run.id, tags);
    const pointsInserted = input.metrics.length > 0 ? await insertMetrics(tx, run.id, input.metrics) : 0;
    // Last: the audit append takes the chain's lock, held until commit.
    await recordAudit(tx, ctx, {
      action: 'run.logBatch',
      resourceType: 'Run',
      resourceId: run.id,
      teamId: run.teamId,
      after: {
        metricCount: input.metrics.length,
        pointsInserted,
        paramCount: input.params.length,
        tagCount: tags.size,
      },
    });
  });
}

/** Params are immutable: the same value again is a no-op, another value fails the whole batch. */
async function insertParams(tx: Tx, runId: string, params: LogRunDataInput['params']) {
  const keys = params.map((p) => p.key);
  const values = params.map((p) => p.value);
  await tx.$executeRaw`
    INSERT INTO "RunParam" ("runId", "key", "value")
    SELECT ${runId}::uuid, k, v FROM unnest(${keys}::text[], ${values}::text[]) AS p(k, v)
    ON CONFLICT ("runId", "key") DO NOTHING`;
  // A separate statement, so it also sees a value a concurrent batch committed meanwhile.
  const [changed] = await tx.$queryRaw<Array<{ key: string; value: string; attempted: string }>>`
    SELECT p."key", p."value", n.v AS attempted
      FROM "RunParam" p
      JOIN unnest(${keys}::text[], ${values}::text[]) AS n(k, v) ON n.k = p."key"
     WHERE p."runId" = ${runId}::uuid AND p."value" <> n.v
     LIMIT 1`;
  if (changed) {
    throw new DomainError(
      'INVALID_INPUT',
      `Changing param values is not allowed. Param with key='${changed.key}' was already logged with value='${changed.value}' for run ID='${mlflowId(runId)}'. Attempted logging new value '${changed.attempted}'.`,
      { field: 'params' },
    );
  }
}

async function upsertTags(tx: Tx, runId: string, tags: Map<string, string>) {
  await tx.$executeRaw`
    INSERT INTO "RunTag" ("runId", "key", "value")
    SELECT ${runId}::uuid, k, v FROM unnest(${[...tags.keys()]}::text[], ${[...tags.values()]}::text[]) AS t(k, v)
    ON CONFLICT ("runId", "key") DO UPDATE SET "value" = EXCLUDED."value"`;
  const columns = columnsFromTags(tags);
  if (Object.keys(columns).length > 0) await tx.run.update({ where: { id: runId }, data: columns });
}

/**
 * One statement for the points and the latest values. The arrays go over once; values travel as
 * text because the driver sends NaN and ±Infinity numbers as NULL, while Postgres parses 'NaN',
 * 'Infinity' and '-Infinity' (and JS's shortest round-trip decimals) into the exact doubles.
 * A point already stored (same step, timestamp and value) is skipped, so a retried batch is
 * harmless. The latest value of a key moves only forward in MLflow's order: step, then
 * timestamp, then value. A cached chart that a point lands inside (at or before its watermark)
 * is dropped; points after it are merged in when the chart is next read.
 */
async function insertMetrics(tx: Tx, runId: string, metrics: LogRunDataInput['metrics']): Promise<number> {
  const latest = [...latestPerKey(metrics).values()];
  const [result] = await tx.$queryRaw<Array<{ inserted: number }>>`
    WITH m AS (
      SELECT k, s, ts, v
        FROM unnest(${metrics.map((m) => m.key)}::text[], ${metrics.map((m) => m.step)}::bigint[],
                    ${metrics.map((m) => m.timestamp)}::bigint[], ${metrics.map((m) => asText(m.value))}::text[]::float8[])
          AS m(k, s, ts, v)
    ), points AS (
      INSERT INTO "MetricPoint" ("runId", "key", "step", "timestamp", "value")
      SELECT ${runId}::uuid, k, s, ts, v FROM m
      ON CONFLICT DO NOTHING
      RETURNING 1
    ), latest AS (
      INSERT INTO "RunLatestMetric" AS l ("runId", "key", "value", "step", "timestamp")
      SELECT ${runId}::uuid, k, v, s, ts
        FROM unnest(${latest.map((m) => m.key)}::text[], ${latest.map((m) => asText(m.value))}::text[]::float8[],
                    ${latest.map((m) => m.step)}::bigint[], ${latest.map((m) => m.timestamp)}::bigint[])
          AS n(k, v, s, ts)
      ON CONFLICT ("runId", "key") DO UPDATE
        SET "value" = EXCLUDED."value", "step" = EXCLUDED."step", "timestamp" = EXCLUDED."timestamp"
        WHERE (l."step", l."timestamp", l."value") < (EXCLUDED."step", EXCLUDED."timestamp", EXCLUDED."value")
    ), stale_charts AS (
      DELETE FROM "MetricChartCache" c
       WHERE c."runId" = ${runId}::uuid
         AND EXISTS (SELECT 1 FROM m WHERE m.k = c."key" AND (m.s, m.ts, m.v) <= (c."lastStep", c."lastTimestamp", c."lastValue"))
    )
    SELECT (SELECT count(*) FROM points)::int AS inserted`;
  return result?.inserted ?? 0;
}

/** Text Postgres parses back into the same double, -0 and the non-finite values included. */
function asText(value: number): string {
  return Object.is(value, -0) ? '-0' : String(value);
}

type Metric = LogRunDataInput['metrics'][number];

/**
 * Each key's greatest point of the batch in MLflow's order (step, timestamp, value; NaN above
 * every number, as Postgres orders doubles), found here in one pass rather than by sorting the
 * batch in the database.
 */
function latestPerKey(metrics: ReadonlyArray<Metric>): Map<string, Metric> {
  const latest = new Map<string, Metric>();
  for (const metric of metrics) {
    const current = latest.get(metric.key);
    if (!current || isAfter(metric, current)) latest.set(metric.key, metric);
  }
  return latest;
}

function isAfter(a: Metric, b: Metric): boolean {
  if (a.step !== b.step) return a.step > b.step;
  if (a.timestamp !== b.timestamp) return a.timestamp > b.timestamp;
  if (Number.isNaN(a.value)) return !Number.isNaN(b.value);
  if (Number.isNaN(b.value)) return false;
  return a.value > b.value;
}

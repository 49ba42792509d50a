import type { Actor } from '@cairn/core/actor';
import { createPrismaClient } from '@cairn/db/client';
import { migrateDeploy } from '@cairn/db/migrate';
import { startEmbeddedTestServer, withAdmin, withDatabase } from '@cairn/db/testing/test-server';
import { systemRequest } from '@cairn/services/context';
import pg from 'pg';
import { median, ms } from './measure';
import {
  readSeedMarker,
  sameSpec,
  seededUuid,
  seedTracking,
  type TrackingSeedSpec,
  trackingSeedIds,
} from './tracking-seed';
import { SEARCH_FILTER, SEARCH_ORDER, trackingWorkloads } from './tracking-workloads';

const DATABASE = 'cairn_bench_tracking';
const spec: TrackingSeedSpec = {
  seed: Number(process.env.BENCH_TRACKING_SEED ?? 1),
  runs: Number(process.env.BENCH_TRACKING_RUNS ?? 10_000),
  experiments: 5,
  keys: 20,
  steps: 100,
  longSeriesPoints: Number(process.env.BENCH_TRACKING_LONG_POINTS ?? 1_000_000),
};
const INGEST_ROUNDS = 5;
const INGEST_BATCHES = 50;
const QUERY_RUNS = Number(process.env.BENCH_TRACKING_QUERY_RUNS ?? 40);
const COLD_SERIES_RUNS = 10;

const log = (line: string) => process.stdout.write(`${line}\n`);

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};

/**
 * Experiment tracking at scale, in a database of its own that is kept between runs
 * (`cairn_bench_tracking`, seeded again only when the seed or the sizes change): log-batch
 * ingest through the service against a raw multi-row INSERT of the same points in the same run,
 * runs search with a metric filter and order, and the downsampled chart query of a long series.
 */
async function main() {
  const embedded =
    process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL ? null : await startEmbeddedTestServer();
  const adminUrl =
    process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? embedded?.adminUrl ?? '';
  const exists = await withAdmin(adminUrl, async (c) => {
    const found = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    return found.rowCount === 1;
  });
  if (!exists) await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE ${DATABASE}`));
  const url = withDatabase(adminUrl, DATABASE);
  await migrateDeploy(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const db = createPrismaClient({ connectionString: url, maxConnections: 4 });
  try {
    const marker = await readSeedMarker(client);
    const ids = trackingSeedIds(spec);
    if (sameSpec(marker, spec)) {
      log(`seed ${spec.seed} already in ${DATABASE}; reusing it`);
    } else {
      log(`seeding ${DATABASE} with seed ${spec.seed} ...`);
      await seedTracking(client, spec, log);
    }
    const actor: Actor = {
      kind: 'user',
      userId: ids.userId,
      email: ids.userEmail,
      isOrgAdmin: false,
      memberships: [{ teamId: ids.teamId, role: 'ENGINEER' }],
    };
    const ctx = { db, actor, request: systemRequest('cairn bench') };
    const workloads = trackingWorkloads(ctx, ids);

    // Ingest: fresh runs for each round and each side, the same 1,000-point batches.
    const ingestRunIds: string[] = [];
    const newRun = async (label: string) => {
      const id = seededUuid(`cairn-bench-ingest:${Date.now()}:${label}:${Math.random()}`);
      await client.query(
        `INSERT INTO "Run" (id, "teamId", "projectId", "experimentId", name, status, "startTime", "createdById")
         VALUES ($1, $2, $3, $4, $5, 'RUNNING', now(), $6)`,
        [id, ids.teamId, ids.projectId, ids.experimentIds[0], `ingest-${label}`, ids.userId],
      );
      ingestRunIds.push(id);
      return id;
    };
    const batch = (b: number) =>
      Array.from({ length: 1_000 }, (_, i) => ({
        key: `ingest_${i % 10}`,
        value: Math.sin(b * 1_000 + i) + 1,
        timestamp: Date.UTC(2026, 1, 1) + b * 100_000 + i,
        step: b * 100 + Math.floor(i / 10),
      }));
    const batches = Array.from({ length: INGEST_BATCHES }, (_, b) => batch(b));
    const points = INGEST_BATCHES * 1_000;
    const rawInsert = async (runId: string, metrics: ReturnType<typeof batch>) => {
      const values: unknown[] = [];
      const rows = metrics.map((m, i) => {
        values.push(runId, m.key, m.step, m.timestamp, m.value);
        const at = i * 5;
        return `($${at + 1}, $${at + 2}, $${at + 3}, $${at + 4}, $${at + 5})`;
      });
      await client.query(
        `INSERT INTO "MetricPoint" ("runId", key, step, "timestamp", value) VALUES ${rows.join(', ')}`,
        values,
      );
    };
    // The service's own points statement, bare: no transaction, access check, latest values or audit.
    const unnestInsert = async (runId: string, metrics: ReturnType<typeof batch>) => {
      await client.query(
        `INSERT INTO "MetricPoint" ("runId", key, step, "timestamp", value)
         SELECT $1::uuid, k, s, ts, v FROM unnest($2::text[], $3::bigint[], $4::bigint[], $5::float8[]) AS m(k, s, ts, v)`,
        [
          runId,
          metrics.map((m) => m.key),
          metrics.map((m) => m.step),
          metrics.map((m) => m.timestamp),
          metrics.map((m) => m.value),
        ],
      );
    };
    const inserters = {
      cairn: (runId: string, metrics: ReturnType<typeof batch>) => workloads.logBatch(runId, metrics),
      raw: rawInsert,
      unnest: unnestInsert,
    };
    const sideOrder = ['cairn', 'raw', 'unnest'] as const;
    const rates = { cairn: [] as number[], raw: [] as number[], unnest: [] as number[] };
    try {
      for (let round = 0; round <= INGEST_ROUNDS; round++) {
        // Rotate which side goes first so none always meets a warmer cache; round 0 warms up.
        const sides = sideOrder.map((_, i) => sideOrder[(i + round) % sideOrder.length]!);
        for (const side of sides) {
          const runId = await newRun(`${side}-${round}`);
          const startedAt = performance.now();
          for (const metrics of batches) await inserters[side](runId, metrics);
          const rate = points / ((performance.now() - startedAt) / 1000);
          if (round > 0) rates[side].push(rate);
        }
      }
    } finally {
      await client.query('DELETE FROM "MetricPoint" WHERE "runId" = ANY($1::uuid[])', [ingestRunIds]);
      await client.query('DELETE FROM "Run" WHERE id = ANY($1::uuid[])', [ingestRunIds]);
    }

    const timeEach = async (
      work: () => Promise<unknown>,
      runs = QUERY_RUNS,
      before?: () => Promise<unknown>,
    ) => {
      await before?.();
      await work();
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        await before?.();
        const startedAt = performance.now();
        await work();
        times.push(performance.now() - startedAt);
      }
      return times;
    };
    let matched = 0;
    const searchPage = await timeEach(async () => {
      matched = (await workloads.searchRuns(100)).runs.length;
    });
    const searchDefault = await timeEach(async () => {
      matched = (await workloads.searchRuns(1_000)).runs.length;
    });
    let payloadBytes = 0;
    const readSeries = async () => {
      payloadBytes = Buffer.byteLength(JSON.stringify(await workloads.metricSeries()));
    };
    const dropChart = () =>
      client.query('DELETE FROM "MetricChartCache" WHERE "runId" = $1', [ids.longRunId]);
    // The first read of a series no chart is kept for yet: a run still running (an ended run's
    // charts are made by the worker), or one whose chart an out-of-order point dropped.
    const seriesCold = await timeEach(readSeries, COLD_SERIES_RUNS, dropChart);
    // The worker's one-off cost when the run ends; the last one leaves the chart the reads below use.
    const warming = await timeEach(workloads.warmCharts, COLD_SERIES_RUNS, dropChart);
    const series = await timeEach(readSeries);

    const perSecond = (values: number[]) => `${Math.round(median(values)).toLocaleString()} points/s`;
    log(
      `\n| tracking, ${(spec.runs * spec.keys * spec.steps + spec.longSeriesPoints).toLocaleString()} points, seed ${spec.seed} | median | p95 | note |`,
    );
    log('| --- | ---: | ---: | --- |');
    log(
      `| log-batch through logRunData, 1,000-point batches (${INGEST_ROUNDS} x ${points.toLocaleString()} points) | ${perSecond(rates.cairn)} | | ${(median(rates.cairn) / median(rates.raw)).toFixed(2)} of raw |`,
    );
    log(`| baseline: raw multi-row INSERT of the same batches | ${perSecond(rates.raw)} | | |`);
    log(
      `| reference: INSERT ... SELECT FROM unnest, the service's points statement alone | ${perSecond(rates.unnest)} | | ${(median(rates.cairn) / median(rates.unnest)).toFixed(2)} of it |`,
    );
    const searchRow = (label: string, times: number[]) =>
      log(
        `| searchRuns over ${spec.runs.toLocaleString()} runs, \`${SEARCH_FILTER}\` order by \`${SEARCH_ORDER}\`, ${label} | ${ms(median(times))} | ${ms(percentile(times, 95))} | |`,
      );
    searchRow('first page of 100 (the runs table)', searchPage);
    searchRow(`max_results 1,000 (MLflow's default; ${matched} runs returned)`, searchDefault);
    const seriesRow = (label: string, times: number[], note = '') =>
      log(`| ${label} | ${ms(median(times))} | ${ms(percentile(times, 95))} | ${note} |`);
    const longSeries = `${spec.longSeriesPoints.toLocaleString()}-point series`;
    seriesRow(
      `getMetricSeries: ${longSeries}, downsampled, of a run that ended (charted by the worker)`,
      series,
      `${(payloadBytes / 1024).toFixed(1)} KB JSON`,
    );
    seriesRow(
      `getMetricSeries: first read of a ${longSeries} of a still-running run, nothing kept yet (${COLD_SERIES_RUNS} reads)`,
      seriesCold,
    );
    seriesRow(
      `warmRunCharts: the worker charting it once when the run ends (${COLD_SERIES_RUNS} times)`,
      warming,
      'off the request path',
    );
  } finally {
    await client.end();
    await db.$disconnect();
    await embedded?.stop();
  }
}

void main();

import { migrateDeploy } from '@cairn/db/migrate';
import { startEmbeddedTestServer, withAdmin, withDatabase } from '@cairn/db/testing/test-server';
import pg from 'pg';
import { ACTIVITY_PARTS, ACTIVITY_TABLES, seedActivity } from './activity';
import { seedScaleAudit } from './audit';
import { seedCosts } from './costs';
import { seedDeploymentMetrics, seedDeployments } from './deployments';
import { type ScaleSpec, scaleSpec } from './layout';
import { scaleApiTokenSecret, seedOrganisation } from './organisation';
import { seedRegistry } from './registry';
import { seedScaleTracking } from './tracking';

export const SCALE_DATABASE = 'cairn_bench_scale';
const MARKER_TABLE = '_cairn_bench_scale_seed';
/** Bumped whenever the generated data changes, so an older seed is replaced. */
const SCALE_SEED_FORMAT = 2;
const COUNTED_TABLES = [
  'Team',
  'User',
  'Membership',
  'Project',
  'Experiment',
  'Run',
  'RunParam',
  'RunTag',
  'RunLatestMetric',
  'MetricPoint',
  'ModelGroup',
  'ModelVersion',
  'Deployment',
  'DeploymentMetricPoint',
  'CostEntry',
  'AuditEvent',
  ...ACTIVITY_TABLES,
];

/** The server the scale database lives on: BENCH_DATABASE_URL, else TEST_DATABASE_URL, else the embedded test server. */
export async function scaleAdminUrl(): Promise<{ adminUrl: string; stop: () => Promise<void> }> {
  const given = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
  if (given) return { adminUrl: given, stop: async () => {} };
  const embedded = await startEmbeddedTestServer();
  return { adminUrl: embedded.adminUrl, stop: embedded.stop };
}

/** The spec from BENCH_SEED (default 1) and BENCH_SEED_FRACTION (default 1: the issue's sizes). */
export const scaleSpecFromEnv = (): ScaleSpec =>
  scaleSpec(Number(process.env.BENCH_SEED ?? 1), Number(process.env.BENCH_SEED_FRACTION ?? 1));

export interface ScaleDatabase {
  databaseUrl: string;
  apiTokenSecret: string;
}

interface Marker {
  spec: Record<string, unknown>;
  counts: Record<string, number>;
  metricsEnd: Date;
  seconds: number;
  /** The parts added since the first scale seeds (`ACTIVITY_PARTS`); absent on markers older than them. */
  parts?: string[];
}

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

type Log = (line: string) => void;

/** A timed step: its label and time are logged as it ends and kept for the summary table. */
function timedParts(log: Log) {
  const timings: [string, string][] = [];
  const part = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
    const since = performance.now();
    const value = await work();
    timings.push([label, seconds(since)]);
    log(`${label}: ${seconds(since)}`);
    return value;
  };
  return { timings, part };
}

async function countRows(client: pg.Client, tables: readonly string[]): Promise<Record<string, number>> {
  const found: Record<string, number> = {};
  for (const table of tables) {
    const row = await client.query<{ count: string }>(`SELECT count(*) FROM "${table}"`);
    found[table] = Number(row.rows[0]?.count ?? 0);
  }
  return found;
}

async function databaseSize(client: pg.Client) {
  const size = await client.query<{ size: string; bytes: string }>(
    'SELECT pg_size_pretty(pg_database_size(current_database())) AS size, pg_database_size(current_database()) AS bytes',
  );
  return { size: size.rows[0]?.size ?? '', bytes: size.rows[0]?.bytes ?? '0' };
}

function logSummary(log: Log, timings: [string, string][], started: number, counts: Record<string, number>) {
  log('');
  log('| part | time |');
  log('| --- | --- |');
  for (const [label, time] of timings) log(`| ${label} | ${time} |`);
  log(`| total | ${seconds(started)} |`);
  log('');
  log('| table | rows |');
  log('| --- | ---: |');
  for (const [table, count] of Object.entries(counts)) log(`| ${table} | ${count.toLocaleString()} |`);
  log('');
}

async function connectForSeeding(databaseUrl: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  // Nothing here needs to survive a crash before the marker is written: a crash means reseeding.
  await client.query(`SET synchronous_commit = off`);
  return client;
}

/**
 * Adds the parts a database of the same seed lacks (approvals, alerts, notifications) in one
 * transaction, timed from the minute it was first seeded, and records them in the marker row.
 */
async function addActivity(databaseUrl: string, spec: ScaleSpec, marker: Marker, log: Log): Promise<void> {
  const started = performance.now();
  const { timings, part } = timedParts(log);
  const client = await connectForSeeding(databaseUrl);
  try {
    await client.query('BEGIN');
    await seedActivity(client, spec, new Date(marker.metricsEnd), part);
    const added = await part('row counts', () => countRows(client, ACTIVITY_TABLES));
    await client.query(
      `ALTER TABLE ${MARKER_TABLE} ADD COLUMN IF NOT EXISTS parts text[] NOT NULL DEFAULT '{}'`,
    );
    const size = await databaseSize(client);
    await client.query(
      `UPDATE ${MARKER_TABLE} SET parts = $1, counts = $2, "databaseBytes" = $3, seconds = seconds + $4 WHERE id = 1`,
      [
        [...ACTIVITY_PARTS],
        JSON.stringify({ ...marker.counts, ...added }),
        size.bytes,
        (performance.now() - started) / 1000,
      ],
    );
    await client.query('COMMIT');
    await part('vacuum analyze', () =>
      client.query(`VACUUM ANALYZE ${ACTIVITY_TABLES.map((t) => `"${t}"`).join(', ')}`),
    );
    logSummary(log, timings, started, added);
    log(`${SCALE_DATABASE}: ${size.size} on disk; added ${ACTIVITY_PARTS.join(', ')} to seed ${spec.seed}.`);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

async function readMarker(url: string): Promise<Marker | null> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const found = await client.query<Marker>(`SELECT * FROM ${MARKER_TABLE} WHERE id = 1`);
    return found.rows[0] ?? null;
  } catch {
    // No marker table: an interrupted seed, or a database made by hand.
    return null;
  } finally {
    await client.end();
  }
}

/** jsonb keeps its own key order, so the specs are compared key by key. */
const sameSpec = (marker: Marker, spec: ScaleSpec) => {
  const wanted: Record<string, unknown> = { ...spec, format: SCALE_SEED_FORMAT };
  const found = marker.spec;
  return (
    Object.keys(found).length === Object.keys(wanted).length &&
    Object.entries(wanted).every(([key, value]) => JSON.stringify(found[key]) === JSON.stringify(value))
  );
};

/**
 * `cairn_bench_scale` on the server of `adminUrl`, holding the data of `spec`: kept as it is when
 * its marker row names the same seed and sizes (with the approvals, alerts and notifications added
 * when the marker does not list them yet), otherwise dropped, created, migrated with the
 * repository's migrations and seeded again.
 */
export async function ensureScaleDatabase(
  adminUrl: string,
  spec: ScaleSpec,
  log: (line: string) => void,
): Promise<ScaleDatabase> {
  const databaseUrl = withDatabase(adminUrl, SCALE_DATABASE);
  const result = { databaseUrl, apiTokenSecret: scaleApiTokenSecret(spec.seed) };
  const exists = await withAdmin(adminUrl, async (client) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [SCALE_DATABASE]);
    return found.rowCount === 1;
  });
  const marker = exists ? await readMarker(databaseUrl) : null;
  if (marker && sameSpec(marker, spec)) {
    const missing = ACTIVITY_PARTS.filter((name) => !marker.parts?.includes(name));
    if (missing.length === 0) {
      log(`${SCALE_DATABASE} already holds seed ${spec.seed} at these sizes; nothing to do.`);
      return result;
    }
    log(`${SCALE_DATABASE} holds seed ${spec.seed} without ${missing.join(', ')}; adding them.`);
    await addActivity(databaseUrl, spec, marker, log);
    return result;
  }
  const started = performance.now();
  const { timings, part } = timedParts(log);
  await part('database (drop, create, migrate)', async () => {
    await withAdmin(adminUrl, async (client) => {
      await client.query(`DROP DATABASE IF EXISTS ${SCALE_DATABASE} WITH (FORCE)`);
      await client.query(`CREATE DATABASE ${SCALE_DATABASE}`);
    });
    await migrateDeploy(databaseUrl);
  });
  const client = await connectForSeeding(databaseUrl);
  const metricsClient = await connectForSeeding(databaseUrl);
  try {
    const metricsEnd = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    const organisation = await part('organisation (teams, projects, users, memberships, token)', () =>
      seedOrganisation(client, spec),
    );
    // Two connections, one per core: the deployment metrics need nothing else seeded first.
    const metrics = part('deployment metrics (concurrently with the rest)', () =>
      seedDeploymentMetrics(metricsClient, spec, metricsEnd, log),
    );
    const rest = (async () => {
      await part('tracking (runs, params, tags, metric points, long series)', async () => {
        await seedScaleTracking(client, spec, organisation, log);
        await client.query('VACUUM ANALYZE "MetricPoint"');
      });
      const registry = await part('registry (model groups, versions)', () =>
        seedRegistry(client, spec, organisation),
      );
      await part('deployments', () => seedDeployments(client, spec, organisation, registry, metricsEnd));
      await part(`audit (${spec.auditEvents.toLocaleString()} events)`, () =>
        seedScaleAudit(client, spec, organisation),
      );
    })();
    await Promise.all([metrics, rest]);
    await part('costs (daily estimates, as the worker recomputes them)', () =>
      seedCosts(databaseUrl, spec, metricsEnd),
    );
    await seedActivity(client, spec, metricsEnd, part);
    await part('vacuum analyze', () => client.query('VACUUM ANALYZE'));
    const counts = await part('row counts', () => countRows(client, COUNTED_TABLES));
    const size = await databaseSize(client);
    await client.query(
      `CREATE TABLE ${MARKER_TABLE} (id int PRIMARY KEY, spec jsonb NOT NULL, counts jsonb NOT NULL,
         "metricsEnd" timestamptz NOT NULL, "databaseBytes" bigint NOT NULL, seconds float8 NOT NULL,
         "seededAt" timestamptz NOT NULL, parts text[] NOT NULL DEFAULT '{}')`,
    );
    await client.query(`INSERT INTO ${MARKER_TABLE} VALUES (1, $1, $2, $3, $4, $5, now(), $6)`, [
      JSON.stringify({ ...spec, format: SCALE_SEED_FORMAT }),
      JSON.stringify(counts),
      metricsEnd,
      size.bytes,
      (performance.now() - started) / 1000,
      [...ACTIVITY_PARTS],
    ]);
    logSummary(log, timings, started, counts);
    log(`${SCALE_DATABASE}: ${size.size} on disk; deployment metrics end at ${metricsEnd.toISOString()}.`);
    return result;
  } finally {
    await client.end();
    await metricsClient.end();
  }
}

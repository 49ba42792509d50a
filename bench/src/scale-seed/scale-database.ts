import { migrateDeploy } from '@cairn/db/migrate';
import { startEmbeddedTestServer, withAdmin, withDatabase } from '@cairn/db/testing/test-server';
import pg from 'pg';
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
];

/** The server the scale database lives on: BENCH_DATABASE_URL, else TEST_DATABASE_URL, else the embedded test server. */
export async function scaleAdminUrl(): Promise<{ adminUrl: string; stop: () => Promise<void> }> {
  const given = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
  if (given) return { adminUrl: given, stop: async () => {} };
  const embedded = await startEmbeddedTestServer();
  return { adminUrl: embedded.adminUrl, stop: embedded.stop };
}

/** The spec from BENCH_SEED (default 1) and BENCH_SEED_FRACTION (default 1: the sizes). */
export const scaleSpecFromEnv = (): ScaleSpec =>
  scaleSpec(Number(process.env.BENCH_SEED ?? 1), Number(process.env.BENCH_SEED_FRACTION ?? 1));

export interface ScaleDatabase {
  databaseUrl: string;
  apiTokenSecret: string;
}

interface Marker {
  spec: Record<string, unknown>;
}

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

async function readMarker(url: string): Promise<Marker | null> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const found = await client.query<Marker>(`SELECT spec FROM ${MARKER_TABLE} WHERE id = 1`);
    return found.rows[0] ?? null;
  } catch {
    // No marker table: an interrupted seed, or a database made by hand.
    return null;
  } finally {
    await client.end();
  }
}

/** jsonb keeps its own key order, so the specs are compared key by key. */
const sameSpec = (marker: Marker | null, spec: ScaleSpec) => {
  if (marker === null) return false;
  const wanted: Record<string, unknown> = { ...spec, format: SCALE_SEED_FORMAT };
  const found = marker.spec;
  return (
    Object.keys(found).length === Object.keys(wanted).length &&
    Object.entries(wanted).every(([key, value]) => JSON.stringify(found[key]) === JSON.stringify(value))
  );
};

/**
 * `cairn_bench_scale` on the server of `adminUrl`, holding the data of `spec`: kept as it is when
 * its marker row names the same seed and sizes, otherwise dropped, created, migrated with the
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
  if (exists && sameSpec(await readMarker(databaseUrl), spec)) {
    log(`${SCALE_DATABASE} already holds seed ${spec.seed} at these sizes; nothing to do.`);
    return result;
  }
  const started = performance.now();
  const timings: [string, string][] = [];
  const part = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
    const since = performance.now();
    const value = await work();
    timings.push([label, seconds(since)]);
    log(`${label}: ${seconds(since)}`);
    return value;
  };
  await part('database (drop, create, migrate)', async () => {
    await withAdmin(adminUrl, async (client) => {
      await client.query(`DROP DATABASE IF EXISTS ${SCALE_DATABASE} WITH (FORCE)`);
      await client.query(`CREATE DATABASE ${SCALE_DATABASE}`);
    });
    await migrateDeploy(databaseUrl);
  });
  const connect = async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    // Nothing here needs to survive a crash before the marker is written: a crash means reseeding.
    await client.query(`SET synchronous_commit = off`);
    return client;
  };
  const client = await connect();
  const metricsClient = await connect();
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
    await part('vacuum analyze', () => client.query('VACUUM ANALYZE'));
    const counts = await part('row counts', async () => {
      const found: Record<string, number> = {};
      for (const table of COUNTED_TABLES) {
        const row = await client.query<{ count: string }>(`SELECT count(*) FROM "${table}"`);
        found[table] = Number(row.rows[0]?.count ?? 0);
      }
      return found;
    });
    const size = await client.query<{ size: string; bytes: string }>(
      'SELECT pg_size_pretty(pg_database_size(current_database())) AS size, pg_database_size(current_database()) AS bytes',
    );
    await client.query(
      `CREATE TABLE ${MARKER_TABLE} (id int PRIMARY KEY, spec jsonb NOT NULL, counts jsonb NOT NULL,
         "metricsEnd" timestamptz NOT NULL, "databaseBytes" bigint NOT NULL, seconds float8 NOT NULL,
         "seededAt" timestamptz NOT NULL)`,
    );
    await client.query(`INSERT INTO ${MARKER_TABLE} VALUES (1, $1, $2, $3, $4, $5, now())`, [
      JSON.stringify({ ...spec, format: SCALE_SEED_FORMAT }),
      JSON.stringify(counts),
      metricsEnd,
      size.rows[0]?.bytes,
      (performance.now() - started) / 1000,
    ]);
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
    log(
      `${SCALE_DATABASE}: ${size.rows[0]?.size} on disk; deployment metrics end at ${metricsEnd.toISOString()}.`,
    );
    return result;
  } finally {
    await client.end();
    await metricsClient.end();
  }
}

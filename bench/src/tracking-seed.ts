import { createHash } from 'node:crypto';
import type pg from 'pg';

export interface TrackingSeedSpec {
  seed: number;
  runs: number;
  experiments: number;
  keys: number;
  steps: number;
  longSeriesPoints: number;
}

export interface TrackingSeedIds {
  teamId: string;
  projectId: string;
  userId: string;
  userEmail: string;
  experimentIds: string[];
  longRunId: string;
  longSeriesKey: string;
}

/** Metric names the seed gives every run, in order; the first `keys` are used. */
export const BENCH_METRIC_KEYS = [
  'train_loss',
  'val_loss',
  'accuracy',
  'auc',
  'f1',
  'precision',
  'recall',
  'log_loss',
  'brier',
  'ks',
  'gini',
  'mae',
  'rmse',
  'ndcg_at_10',
  'map_at_10',
  'grad_norm',
  'learning_rate',
  'epoch_seconds',
  'samples_per_second',
  'gpu_memory_gb',
] as const;

const LOWER_IS_BETTER = new Set<string>([
  'train_loss',
  'val_loss',
  'log_loss',
  'brier',
  'mae',
  'rmse',
  'grad_norm',
  'learning_rate',
  'epoch_seconds',
]);

const MARKER_TABLE = '_cairn_bench_seed';
const LONG_SERIES_KEY = 'train_loss';
/** Bumped whenever the generated data changes, so an older seed is replaced. */
const SEED_FORMAT = 2;
const START_MS = Date.UTC(2026, 0, 1);
const RUNS_PER_STATEMENT = 500;

/**
 * md5 as a version-4 uuid (the services accept RFC ids only), computed the same way as the SQL
 * helper `bench_uuid`, so SQL and TypeScript agree on ids.
 */
export function seededUuid(text: string): string {
  const md5 = createHash('md5').update(text).digest('hex');
  const hex = `${md5.slice(0, 12)}4${md5.slice(13, 16)}8${md5.slice(17)}`;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The run holding the `index`-th long series of a seed. */
export const longRunId = (seed: number, index: number) =>
  seededUuid(`cairn-bench:${seed}:run:long${index === 0 ? '' : `:${index}`}`);

/** The fixed rows of a seed: the same seed always names the same team, project, experiments and runs. */
export function trackingSeedIds(spec: TrackingSeedSpec): TrackingSeedIds {
  const prefix = `cairn-bench:${spec.seed}`;
  return {
    teamId: seededUuid(`${prefix}:team`),
    projectId: seededUuid(`${prefix}:project`),
    userId: seededUuid(`${prefix}:user`),
    userEmail: `bench-${spec.seed}@example.com`,
    experimentIds: Array.from({ length: spec.experiments }, (_, e) =>
      seededUuid(`${prefix}:experiment:${e}`),
    ),
    longRunId: longRunId(spec.seed, 0),
    longSeriesKey: LONG_SERIES_KEY,
  };
}

/**
 * Pseudo-random helpers for the session only (pg_temp), so the bench database keeps the repo's
 * schema. `bench_rand` is md5-based (used per run and per series); `bench_noise` is a cheap
 * quadratic hash modulo a prime, used per point where md5 would dominate the seeding time.
 */
const HELPERS = `
CREATE OR REPLACE FUNCTION pg_temp.bench_rand(t text) RETURNS double precision
  LANGUAGE sql IMMUTABLE AS
  $$ SELECT ('x' || substr(md5(t), 1, 13))::bit(52)::bigint / 4503599627370496::double precision $$;
CREATE OR REPLACE FUNCTION pg_temp.bench_uuid(t text) RETURNS uuid
  LANGUAGE sql IMMUTABLE AS
  $$ SELECT overlay(overlay(md5(t) PLACING '4' FROM 13) PLACING '8' FROM 17)::uuid $$;
CREATE OR REPLACE FUNCTION pg_temp.bench_noise(seed bigint, r bigint, k bigint, s bigint) RETURNS double precision
  LANGUAGE sql IMMUTABLE AS
  $$ SELECT ((s * s * 7919 + s * 104729 + r * 1299709 + k * 15485863 + seed * 32452843) % 1000003)::double precision / 1000003 $$;
`;

/** Defines the seed's SQL helpers (`pg_temp.bench_rand`, `bench_uuid`, `bench_noise`) for the session. */
export async function installSeedHelpers(client: pg.Client): Promise<void> {
  await client.query(HELPERS);
}

/**
 * One row per (run, key) with the curve's shape drawn from the seed: level `a`, amplitude `b`,
 * time constant `tau`; losses fall towards their level, scores rise to it.
 */
function seriesSql(seed: number, keys: number): string {
  return `
    SELECT r, k,
           pg_temp.bench_uuid('cairn-bench:${seed}:run:' || r) AS run_id,
           (ARRAY[${BENCH_METRIC_KEYS.slice(0, keys)
             .map((key) => `'${key}'`)
             .join(',')}])[k + 1] AS key,
           ${START_MS}::bigint + r * 60000 AS start_ms,
           0.5 + 0.5 * pg_temp.bench_rand('${seed}:a:' || r || ':' || k) AS a,
           0.1 + 0.4 * pg_temp.bench_rand('${seed}:b:' || r || ':' || k) AS b,
           5 + 40 * pg_temp.bench_rand('${seed}:t:' || r || ':' || k) AS tau,
           (ARRAY[${BENCH_METRIC_KEYS.slice(0, keys)
             .map((key) => (LOWER_IS_BETTER.has(key) ? '1' : '-1'))
             .join(',')}])[k + 1] AS sign
      FROM generate_series($1::bigint, $2::bigint) r, generate_series(0, ${keys - 1}) k`;
}

const valueSql = (seed: number) =>
  `rk.a + rk.sign * rk.b * exp(-s / rk.tau) + 0.02 * (pg_temp.bench_noise(${seed}, rk.r, rk.k, s) - 0.5)`;

export async function readSeedMarker(
  client: pg.Client,
): Promise<(TrackingSeedSpec & { format?: number }) | null> {
  await client.query(
    `CREATE TABLE IF NOT EXISTS ${MARKER_TABLE} (id int PRIMARY KEY, spec jsonb NOT NULL, "seededAt" timestamptz NOT NULL)`,
  );
  const found = await client.query<{ spec: TrackingSeedSpec & { format?: number } }>(
    `SELECT spec FROM ${MARKER_TABLE} WHERE id = 1`,
  );
  return found.rows[0]?.spec ?? null;
}

export const sameSpec = (a: (TrackingSeedSpec & { format?: number }) | null, b: TrackingSeedSpec) =>
  a !== null &&
  a.format === SEED_FORMAT &&
  a.seed === b.seed &&
  a.runs === b.runs &&
  a.experiments === b.experiments &&
  a.keys === b.keys &&
  a.steps === b.steps &&
  a.longSeriesPoints === b.longSeriesPoints;

/**
 * Seeds the tracking tables server-side (INSERT ... SELECT FROM generate_series), replacing any
 * earlier seed: `runs` runs spread over `experiments` experiments of one project, `keys` metrics
 * of `steps` points each, their latest metrics, five params and three tags per run, and one run
 * with a `longSeriesPoints`-point series. The metric point key is dropped during the load and
 * rebuilt once, which is minutes faster than maintaining it row by row.
 */
export async function seedTracking(
  client: pg.Client,
  spec: TrackingSeedSpec,
  log: (line: string) => void,
): Promise<TrackingSeedIds> {
  const ids = trackingSeedIds(spec);
  const { seed } = spec;
  await client.query(HELPERS);
  await client.query(`DELETE FROM ${MARKER_TABLE}`);
  // CASCADE: model versions reference runs (and deployments, approvals, ... versions), so Postgres
  // refuses to truncate runs alone even when those tables are empty, as they are in this database.
  await client.query(
    `TRUNCATE "MetricPoint", "RunLatestMetric", "RunParam", "RunTag", "Run", "ExperimentTag", "Experiment" CASCADE`,
  );
  const teamSlug = `bench-${seed}`;
  await client.query('DELETE FROM "Membership" WHERE "teamId" IN (SELECT id FROM "Team" WHERE slug = $1)', [
    teamSlug,
  ]);
  await client.query('DELETE FROM "Project" WHERE "teamId" IN (SELECT id FROM "Team" WHERE slug = $1)', [
    teamSlug,
  ]);
  await client.query('DELETE FROM "Team" WHERE slug = $1', [teamSlug]);
  await client.query('DELETE FROM "User" WHERE email = $1', [ids.userEmail]);

  await client.query('INSERT INTO "User" (id, email, name) VALUES ($1, $2, $3)', [
    ids.userId,
    ids.userEmail,
    'Bench Engineer',
  ]);
  await client.query('INSERT INTO "Team" (id, name, slug) VALUES ($1, $2, $3)', [
    ids.teamId,
    `Bench ${seed}`,
    teamSlug,
  ]);
  await client.query(
    `INSERT INTO "Membership" (id, "teamId", "userId", role) VALUES ($1, $2, $3, 'ENGINEER')`,
    [seededUuid(`cairn-bench:${seed}:membership`), ids.teamId, ids.userId],
  );
  await client.query(
    'INSERT INTO "Project" (id, "teamId", name, slug, "createdById") VALUES ($1, $2, $3, $4, $5)',
    [ids.projectId, ids.teamId, 'Bench tracking', 'bench-tracking', ids.userId],
  );
  for (const [e, experimentId] of ids.experimentIds.entries()) {
    await client.query(
      `INSERT INTO "Experiment" (id, "teamId", "projectId", name, "createdById") VALUES ($1, $2, $3, $4, $5)`,
      [experimentId, ids.teamId, ids.projectId, `bench-experiment-${e}`, ids.userId],
    );
  }

  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
  await seedRuns(
    client,
    spec,
    {
      runExperimentIds: Array.from(
        { length: spec.runs },
        (_, r) => ids.experimentIds[r % spec.experiments] as string,
      ),
      longRunExperimentIds: [ids.experimentIds[0] as string],
      userId: ids.userId,
    },
    log,
  );
  await client.query(
    'VACUUM ANALYZE "MetricPoint", "RunLatestMetric", "Run", "RunParam", "RunTag", "Experiment"',
  );
  await client.query(`INSERT INTO ${MARKER_TABLE} (id, spec, "seededAt") VALUES (1, $1, now())`, [
    JSON.stringify({ ...spec, format: SEED_FORMAT }),
  ]);
  log(`seed ${seed}: done (${elapsed()})`);
  return ids;
}

/** Sizes of a run load; `longSeriesPoints` is per long run. */
export type RunSeedSpec = Pick<TrackingSeedSpec, 'seed' | 'runs' | 'keys' | 'steps' | 'longSeriesPoints'>;

/** Where the runs go: each run's team and project are its experiment's. */
export interface RunPlacement {
  /** The experiment of run `r`, for every run. */
  runExperimentIds: string[];
  /** One long-series run per entry, in that experiment. */
  longRunExperimentIds: string[];
  userId: string;
}

/**
 * Bulk-loads runs into existing experiments (INSERT ... SELECT FROM generate_series, so the rows
 * are made server-side): `runs` runs with five params and three tags, `keys` metrics of `steps`
 * points each and their latest values, and one `longSeriesPoints`-point `train_loss` series per
 * long run. The metric point key is dropped during the load and rebuilt once, which is minutes
 * faster than maintaining it row by row.
 */
export async function seedRuns(
  client: pg.Client,
  spec: RunSeedSpec,
  placement: RunPlacement,
  log: (line: string) => void,
): Promise<string[]> {
  const { seed } = spec;
  await client.query(HELPERS);
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
  await client.query(
    `
    INSERT INTO "Run" (id, "teamId", "projectId", "experimentId", name, status, "startTime", "endTime",
                       "createdById", "userName", source, "gitCommit", "artifactUri")
    SELECT pg_temp.bench_uuid('cairn-bench:${seed}:run:' || r), e."teamId", e."projectId", e.id,
           'run-' || lpad(r::text, 5, '0'),
           (CASE WHEN pg_temp.bench_rand('${seed}:status:' || r) < 0.03 THEN 'FAILED'
                 WHEN pg_temp.bench_rand('${seed}:status:' || r) < 0.04 THEN 'KILLED'
                 ELSE 'FINISHED' END)::"RunStatus",
           to_timestamp((${START_MS}::bigint + r * 60000) / 1000.0),
           to_timestamp((${START_MS}::bigint + r * 60000 + ${spec.steps} * 1000) / 1000.0),
           $2::uuid, 'bench', 'train.py', md5('${seed}:commit:' || r),
           'mlflow-artifacts:/bench/' || r
      FROM generate_series(0, ${spec.runs - 1}) r
      JOIN "Experiment" e ON e.id = ($1::uuid[])[r + 1]`,
    [placement.runExperimentIds, placement.userId],
  );
  const longRunIds = placement.longRunExperimentIds.map((_, index) => longRunId(seed, index));
  await client.query(
    `
    INSERT INTO "Run" (id, "teamId", "projectId", "experimentId", name, status, "startTime", "createdById", "userName", source)
    SELECT ($1::uuid[])[i], e."teamId", e."projectId", e.id,
           CASE WHEN i = 1 THEN 'long-run' ELSE 'long-run-' || (i - 1) END,
           'RUNNING', to_timestamp(${START_MS} / 1000.0), $3::uuid, 'bench', 'train_long.py'
      FROM generate_series(1, $4::int) i
      JOIN "Experiment" e ON e.id = ($2::uuid[])[i]`,
    [longRunIds, placement.longRunExperimentIds, placement.userId, longRunIds.length],
  );
  await client.query(`
    INSERT INTO "RunParam" ("runId", key, value)
    SELECT pg_temp.bench_uuid('cairn-bench:${seed}:run:' || r), p.key,
           CASE p.key
             WHEN 'lr' THEN (ARRAY['0.1','0.03','0.01','0.003','0.001'])[1 + floor(5 * pg_temp.bench_rand('${seed}:lr:' || r))::int]
             WHEN 'batch_size' THEN (ARRAY['32','64','128','256'])[1 + floor(4 * pg_temp.bench_rand('${seed}:bs:' || r))::int]
             WHEN 'optimizer' THEN (ARRAY['adam','adamw','sgd'])[1 + floor(3 * pg_temp.bench_rand('${seed}:opt:' || r))::int]
             WHEN 'max_depth' THEN (3 + floor(10 * pg_temp.bench_rand('${seed}:depth:' || r)))::text
             ELSE (100 * (1 + floor(10 * pg_temp.bench_rand('${seed}:trees:' || r))))::text
           END
      FROM generate_series(0, ${spec.runs - 1}) r,
           unnest(ARRAY['lr','batch_size','optimizer','max_depth','n_estimators']) AS p(key)`);
  await client.query(`
    INSERT INTO "RunTag" ("runId", key, value)
    SELECT pg_temp.bench_uuid('cairn-bench:${seed}:run:' || r), t.key,
           CASE t.key WHEN 'mlflow.user' THEN 'bench'
                      WHEN 'mlflow.source.name' THEN 'train.py'
                      ELSE md5('${seed}:commit:' || r) END
      FROM generate_series(0, ${spec.runs - 1}) r,
           unnest(ARRAY['mlflow.user','mlflow.source.name','mlflow.source.git.commit']) AS t(key)`);
  log(`seed ${seed}: ${spec.runs.toLocaleString()} runs with params and tags (${elapsed()})`);

  await client.query('ALTER TABLE "MetricPoint" DROP CONSTRAINT IF EXISTS "MetricPoint_pkey"');
  for (let first = 0; first < spec.runs; first += RUNS_PER_STATEMENT) {
    const last = Math.min(first + RUNS_PER_STATEMENT, spec.runs) - 1;
    await client.query(
      `INSERT INTO "MetricPoint" ("runId", key, step, "timestamp", value)
       SELECT rk.run_id, rk.key, s, rk.start_ms + s * 1000, ${valueSql(seed)}
         FROM (${seriesSql(seed, spec.keys)}) rk, generate_series(0, ${spec.steps - 1}) s`,
      [first, last],
    );
    log(`seed ${seed}: metric points of runs ${first}..${last} (${elapsed()})`);
  }
  await client.query(
    `INSERT INTO "RunLatestMetric" ("runId", key, value, step, "timestamp")
     SELECT rk.run_id, rk.key, ${valueSql(seed)}, s, rk.start_ms + s * 1000
       FROM (${seriesSql(seed, spec.keys)}) rk, (SELECT ${spec.steps - 1}::bigint AS s) last_step`,
    [0, spec.runs - 1],
  );
  // The long series: a slow decay with noise and a few rare spikes, so downsampling has peaks to keep.
  for (const [index, runId] of longRunIds.entries()) {
    const longValue = `0.1 + 2 * exp(-s / ${spec.longSeriesPoints / 10}::double precision)
      + 0.05 * (pg_temp.bench_noise(${seed}, ${spec.runs + index}, 1001, s) - 0.5)
      + CASE WHEN pg_temp.bench_noise(${seed}, ${spec.runs + index}, 1002, s) > 0.99999 THEN 1 ELSE 0 END`;
    await client.query(
      `INSERT INTO "MetricPoint" ("runId", key, step, "timestamp", value)
       SELECT $1::uuid, $2, s, ${START_MS}::bigint + s * 100, ${longValue}
         FROM generate_series(0, ${spec.longSeriesPoints - 1}) s`,
      [runId, LONG_SERIES_KEY],
    );
    await client.query(
      `INSERT INTO "RunLatestMetric" ("runId", key, value, step, "timestamp")
       SELECT $1::uuid, $2, ${longValue}, s, ${START_MS}::bigint + s * 100
         FROM (SELECT ${spec.longSeriesPoints - 1}::bigint AS s) last_step`,
      [runId, LONG_SERIES_KEY],
    );
    log(
      `seed ${seed}: long series ${index + 1} of ${spec.longSeriesPoints.toLocaleString()} points (${elapsed()})`,
    );
  }

  await client.query(`SET maintenance_work_mem = '1GB'`);
  await client.query(
    'ALTER TABLE "MetricPoint" ADD CONSTRAINT "MetricPoint_pkey" PRIMARY KEY ("runId", key, step, "timestamp", value)',
  );
  log(`seed ${seed}: metric point key rebuilt (${elapsed()})`);
  return longRunIds;
}

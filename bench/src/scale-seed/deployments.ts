import { awsResourceName } from '@cairn/core/aws-names';
import { previewMonthlyCost } from '@cairn/core/deployments/cost-preview';
import { deploymentSpecSchema } from '@cairn/core/schemas/deployment';
import type pg from 'pg';
import { installSeedHelpers } from '../tracking-seed';
import { insertRows } from './insert-rows';
import { type ScaleSpec, scaleId, teamOfProject } from './layout';
import type { Organisation } from './organisation';
import type { Registry } from './registry';

const MINUTE_MS = 60_000;
const DEPLOYMENTS_PER_STATEMENT = 50;
const INSTANCE_TYPES = ['ml.m5.large', 'ml.m5.xlarge', 'ml.c5.xlarge', 'ml.g5.xlarge'];

/**
 * Per-minute values with the seed's hashes: invocations follow a daily cycle around each
 * deployment's own traffic level; median latency sits at each deployment's own level, rises with
 * traffic and spikes now and then, so alerts and charts have something to show.
 */
function metricValueSql(seed: number): string {
  const noise = (k: number) => `pg_temp.bench_noise(${seed}, d.i, ${k}, m)`;
  const cycle = `(1 + 0.6 * sin(2 * pi() * (m % 1440) / 1440.0))`;
  return `CASE metric.name
    WHEN 'invocations' THEN round(d.traffic * ${cycle} * (0.8 + 0.4 * ${noise(1)}))
    WHEN 'model_latency_p50' THEN d.latency * (0.9 + 0.1 * ${cycle} + 0.2 * ${noise(2)})
      * CASE WHEN ${noise(3)} > 0.9995 THEN 6 ELSE 1 END
    ELSE ${noise(4)} END`;
}

const windowStartOf = (spec: ScaleSpec, metricsEnd: Date) =>
  new Date(metricsEnd.getTime() - spec.metricDays * 1_440 * MINUTE_MS);

/**
 * One in-service endpoint per project (every fifth serverless), deploying the project's newest
 * approved version to prod since the metrics began, with its creation and in-service events.
 */
export async function seedDeployments(
  client: pg.Client,
  spec: ScaleSpec,
  organisation: Organisation,
  registry: Registry,
  metricsEnd: Date,
): Promise<void> {
  const { seed } = spec;
  const windowStart = windowStartOf(spec, metricsEnd);
  const createdAt = new Date(windowStart.getTime() - 60 * MINUTE_MS);
  const deployments: unknown[][] = [];
  const events: unknown[][] = [];
  for (let d = 0; d < spec.deployments; d++) {
    const p = d % spec.projects;
    const id = scaleId(seed, 'deployment', d);
    const modelVersionId = registry.deployedVersionIds[p];
    const isServerless = d % 5 === 4;
    const deploymentSpec = deploymentSpecSchema.parse(
      isServerless
        ? { type: 'SERVERLESS', modelVersionId, environment: 'PROD', memorySizeMb: 2048, maxConcurrency: 20 }
        : {
            type: 'REALTIME',
            modelVersionId,
            environment: 'PROD',
            instanceType: INSTANCE_TYPES[d % INSTANCE_TYPES.length],
            initialInstanceCount: 1 + (d % 4),
          },
    );
    const endpoint = awsResourceName('endpoint', id);
    deployments.push([
      id,
      organisation.teamIds[teamOfProject(spec, p)],
      organisation.projectIds[p],
      scaleId(seed, 'environment:PROD', p),
      modelVersionId,
      deploymentSpec.type,
      JSON.stringify(deploymentSpec),
      'IN_SERVICE',
      endpoint,
      `arn:aws:sagemaker:us-east-1:111122223333:endpoint/${endpoint}`,
      awsResourceName('endpoint-config', id),
      previewMonthlyCost(deploymentSpec).totalUsd.toFixed(2),
      organisation.engineerId,
      createdAt.toISOString(),
      windowStart.toISOString(),
    ]);
    events.push(
      [scaleId(seed, 'deployment-event', `${d}:0`), id, 'CREATING', 'Creating', createdAt.toISOString()],
      [scaleId(seed, 'deployment-event', `${d}:1`), id, 'IN_SERVICE', 'InService', windowStart.toISOString()],
    );
  }
  await insertRows(
    client,
    'Deployment',
    [
      ['id', 'uuid'],
      ['teamId', 'uuid'],
      ['projectId', 'uuid'],
      ['environmentId', 'uuid'],
      ['modelVersionId', 'uuid'],
      ['type', '"DeploymentType"'],
      ['spec', 'jsonb'],
      ['status', '"DeploymentStatus"'],
      ['awsResourceName', 'text'],
      ['awsResourceArn', 'text'],
      ['endpointConfigName', 'text'],
      ['predictedMonthlyUsd', 'numeric'],
      ['createdById', 'uuid'],
      ['createdAt', 'timestamptz'],
      ['inServiceAt', 'timestamptz'],
    ],
    deployments,
  );
  await insertRows(
    client,
    'DeploymentEvent',
    [
      ['id', 'uuid'],
      ['deploymentId', 'uuid'],
      ['status', '"DeploymentStatus"'],
      ['awsStatus', 'text'],
      ['occurredAt', 'timestamptz'],
    ],
    events,
  );
}

/**
 * `metricDays` of per-minute metrics of every deployment, ending at `metricsEnd`. They need only
 * the deployments' ids (the table has no foreign key), so they load while the rest is seeded. The
 * key is dropped during the load and rebuilt once.
 */
export async function seedDeploymentMetrics(
  client: pg.Client,
  spec: ScaleSpec,
  metricsEnd: Date,
  log: (line: string) => void,
): Promise<void> {
  const { seed } = spec;
  const minutes = spec.metricDays * 1_440;
  const windowStart = windowStartOf(spec, metricsEnd);
  await installSeedHelpers(client);
  await client.query('ALTER TABLE "DeploymentMetricPoint" DROP CONSTRAINT "DeploymentMetricPoint_pkey"');
  const started = performance.now();
  for (let first = 0; first < spec.deployments; first += DEPLOYMENTS_PER_STATEMENT) {
    const last = Math.min(first + DEPLOYMENTS_PER_STATEMENT, spec.deployments) - 1;
    await client.query(
      `INSERT INTO "DeploymentMetricPoint" ("deploymentId", metric, variant, minute, value)
       SELECT d.id, metric.name, '', to_timestamp($3::bigint + m * 60), ${metricValueSql(seed)}
         FROM (SELECT i, pg_temp.bench_uuid('cairn-bench:${seed}:deployment:' || i) AS id,
                      5 + 295 * pg_temp.bench_rand('${seed}:traffic:' || i) AS traffic,
                      4 + 60 * pg_temp.bench_rand('${seed}:latency:' || i) AS latency
                 FROM generate_series($1::int, $2::int) i) d,
              unnest($4::text[]) AS metric(name),
              generate_series(0, ${minutes - 1}) m`,
      [first, last, Math.floor(windowStart.getTime() / 1000), spec.deploymentMetrics],
    );
    log(
      `seed ${seed}: deployment metrics of deployments ${first}..${last} (${((performance.now() - started) / 1000).toFixed(0)} s)`,
    );
  }
  await client.query(`SET maintenance_work_mem = '1GB'`);
  await client.query(
    'ALTER TABLE "DeploymentMetricPoint" ADD CONSTRAINT "DeploymentMetricPoint_pkey" PRIMARY KEY ("deploymentId", metric, variant, minute)',
  );
  log(`seed ${seed}: deployment metric key rebuilt (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  await client.query('VACUUM ANALYZE "DeploymentMetricPoint"');
}

import { loadAuditKeys } from '@cairn/db/audit-keys';
import { verifyAuditIntegrity } from '@cairn/db/audit-verifier';
import { createPrismaClient } from '@cairn/db/client';
import { DEAD_LETTER_QUEUE } from '@cairn/services/jobs/job-contracts';
import pg from 'pg';
import type { FaultRecord } from './chaos-faults';
import { simAdmin } from './chaos-faults';
import { type Ledger, uuidOfHex } from './chaos-ledger';
import type { ChaosStack } from './chaos-stack';

export interface CheckResult {
  name: string;
  isPassed: boolean;
  detail: string;
}

interface SimResource {
  type: string;
  name: string;
  arn: string;
  status: string;
  details?: { modelPackageGroupName?: string };
}

const UNSETTLED_DEPLOYMENT = ['PENDING', 'CREATING', 'UPDATING', 'ROLLING_BACK', 'DELETING'];
const CAIRN_NAME = /^cairn-([a-z]+)-([0-9a-f]{32})$/;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Query = <T extends pg.QueryResultRow>(sql: string, params?: unknown[]) => Promise<T[]>;

/** Every acknowledged write of the ledger, looked up in the database. */
async function checkAcknowledgedWrites(query: Query, ledger: Ledger): Promise<CheckResult> {
  const missing: string[] = [];
  const lookFor = async (label: string, table: string, ids: string[]) => {
    const found = await query<{ id: string }>(`SELECT id FROM "${table}" WHERE id = ANY($1::uuid[])`, [ids]);
    const present = new Set(found.map((row) => row.id));
    const absent = ids.filter((id) => !present.has(id));
    if (absent.length > 0) missing.push(`${absent.length} ${label} (${absent.slice(0, 3).join(', ')})`);
  };
  await lookFor('runs', 'Run', [...ledger.runIds, ...ledger.releaseRunIds].map(uuidOfHex));
  await lookFor('model groups', 'ModelGroup', ledger.modelGroupIds);
  await lookFor('model versions', 'ModelVersion', ledger.modelVersionIds);
  await lookFor(
    'deployments',
    'Deployment',
    ledger.deployments.map((deployment) => deployment.id),
  );
  let absentPoints = 0;
  for (const [runId, acked] of ledger.points) {
    const rows = await query<{ key: string; step: string }>(
      'SELECT key, step::text AS step FROM "MetricPoint" WHERE "runId" = $1::uuid',
      [uuidOfHex(runId)],
    );
    const stored = new Set(rows.map((row) => `${row.key}|${row.step}`));
    for (const point of acked) if (!stored.has(point)) absentPoints++;
  }
  if (absentPoints > 0) missing.push(`${absentPoints} metric points`);
  const counted =
    `${ledger.runIds.length + ledger.releaseRunIds.length} runs, ${ledger.pointCount} metric points, ${ledger.modelGroupIds.length} model groups, ` +
    `${ledger.modelVersionIds.length} versions, ${ledger.deployments.length} deployments`;
  return {
    name: 'No acknowledged write lost',
    isPassed: missing.length === 0,
    detail: missing.length === 0 ? `all found: ${counted}` : `missing: ${missing.join('; ')} (of ${counted})`,
  };
}

/**
 * aws-sim's resources against the database: one model package per registered version, one
 * package group per model group, one endpoint per endpoint deployment (or its predecessor's),
 * one transform job per batch deployment, and nothing Cairn-named that no record explains.
 */
async function checkAwsResources(query: Query, awsSimUrl: string, ledger: Ledger): Promise<CheckResult> {
  const { resources } = (await simAdmin(awsSimUrl, 'GET', '/_sim/resources')) as { resources: SimResource[] };
  const problems: string[] = [];
  const groups = await query<{ id: string; awsName: string; versions: number }>(
    `SELECT g.id, g."awsName", count(v.id) FILTER (WHERE v."awsStatus" = 'READY')::int AS versions
       FROM "ModelGroup" g LEFT JOIN "ModelVersion" v ON v."modelGroupId" = g.id GROUP BY g.id`,
  );
  const packagesByGroup = new Map<string, number>();
  for (const resource of resources.filter((item) => item.type === 'model-package')) {
    const group = resource.details?.modelPackageGroupName ?? '?';
    packagesByGroup.set(group, (packagesByGroup.get(group) ?? 0) + 1);
  }
  for (const group of groups) {
    const packages = packagesByGroup.get(group.awsName) ?? 0;
    if (packages > group.versions)
      problems.push(`${group.awsName}: ${packages} model packages for ${group.versions} registered versions`);
  }
  const arns = await query<{ awsArn: string; count: number }>(
    `SELECT "awsArn", count(*)::int AS count FROM "ModelVersion" WHERE "awsArn" IS NOT NULL
      GROUP BY "awsArn" HAVING count(*) > 1`,
  );
  for (const row of arns) problems.push(`${row.count} versions share the package ${row.awsArn}`);

  const deployments = await query<{ id: string; type: string; awsResourceName: string; status: string }>(
    'SELECT id, type::text, "awsResourceName", status::text FROM "Deployment"',
  );
  const deploymentIds = new Set(deployments.map((deployment) => deployment.id));
  const groupIds = new Set(groups.map((group) => group.id));
  const endpointNames = new Set(
    deployments.filter((deployment) => deployment.type !== 'BATCH').map((d) => d.awsResourceName),
  );
  const byType = new Map<string, SimResource[]>();
  for (const resource of resources)
    byType.set(resource.type, [...(byType.get(resource.type) ?? []), resource]);
  for (const resource of resources) {
    const match = CAIRN_NAME.exec(resource.name);
    if (!match) continue;
    const [, prefix, hex] = match;
    const id = uuidOfHex(hex ?? '');
    const isExplained =
      prefix === 'mpg'
        ? groupIds.has(id)
        : prefix === 'ep'
          ? endpointNames.has(resource.name)
          : prefix === 'alarm'
            ? true
            : deploymentIds.has(id);
    if (!isExplained) problems.push(`${resource.type} ${resource.name} belongs to no record`);
  }
  const endpointsPerDeployment = new Map<string, number>();
  for (const endpoint of byType.get('endpoint') ?? [])
    endpointsPerDeployment.set(endpoint.name, (endpointsPerDeployment.get(endpoint.name) ?? 0) + 1);
  // The demo's seeded history never went through aws-sim; the deployments of this run did.
  const ofThisRun = new Set(ledger.deployments.map((deployment) => deployment.id));
  const started = deployments.filter(
    (deployment) => ofThisRun.has(deployment.id) && deployment.status !== 'PENDING',
  );
  const transformJobs = new Set((byType.get('transform-job') ?? []).map((job) => job.name));
  for (const deployment of started) {
    if (
      deployment.type === 'BATCH' &&
      deployment.status !== 'FAILED' &&
      !transformJobs.has(deployment.awsResourceName)
    )
      problems.push(`batch deployment ${deployment.id} has no transform job`);
  }
  const counts = [
    'model-package-group',
    'model-package',
    'model',
    'endpoint-config',
    'endpoint',
    'transform-job',
  ]
    .map((type) => `${byType.get(type)?.length ?? 0} ${type}`)
    .join(', ');
  return {
    name: 'No duplicate AWS resource',
    isPassed: problems.length === 0,
    detail: problems.length === 0 ? `aws-sim holds ${counts}` : problems.slice(0, 5).join('; '),
  };
}

/** Waits for every deployment, version and group to reach a final state; then the queue itself. */
async function checkSettled(
  query: Query,
  settleSeconds: number,
  chaosStartedAt: Date,
  faults: FaultRecord[],
): Promise<CheckResult[]> {
  const startedAt = performance.now();
  const unsettled = async () => {
    const rows = await query<{ what: string; count: number }>(
      `SELECT 'deployment ' || status::text AS what, count(*)::int AS count FROM "Deployment"
         WHERE status::text = ANY($1) GROUP BY status
       UNION ALL SELECT 'model version PENDING', count(*)::int FROM "ModelVersion" WHERE "awsStatus" = 'PENDING'
       UNION ALL SELECT 'model group PENDING', count(*)::int FROM "ModelGroup" WHERE "awsStatus" = 'PENDING'`,
      [UNSETTLED_DEPLOYMENT],
    );
    return rows.filter((row) => row.count > 0);
  };
  let open = await unsettled();
  while (open.length > 0 && performance.now() - startedAt < settleSeconds * 1000) {
    await sleep(2_000);
    open = await unsettled();
  }
  const settledMs = performance.now() - startedAt;
  const failed = await query<{ what: string; reason: string | null }>(
    `SELECT 'deployment ' || id AS what, "statusReason" AS reason FROM "Deployment" WHERE status = 'FAILED'
     UNION ALL SELECT 'model version ' || id, "awsError" FROM "ModelVersion" WHERE "awsStatus" = 'FAILED'
     UNION ALL SELECT 'model group ' || id, "awsError" FROM "ModelGroup" WHERE "awsStatus" = 'FAILED'`,
  );
  const finals = await query<{ status: string; count: number }>(
    'SELECT status::text, count(*)::int AS count FROM "Deployment" GROUP BY status ORDER BY status',
  );
  const settled: CheckResult = {
    name: 'Every deployment, version and group reached a final state',
    isPassed: open.length === 0 && failed.length === 0,
    detail:
      open.length > 0
        ? `after ${settleSeconds} s still ${open.map((row) => `${row.count} ${row.what}`).join(', ')}`
        : failed.length > 0
          ? `${failed.length} failed: ${failed
              .slice(0, 3)
              .map((row) => `${row.what}: ${row.reason}`)
              .join('; ')}`
          : `within ${(settledMs / 1000).toFixed(1)} s of the load stopping; deployments ${finals
              .map((row) => `${row.count} ${row.status}`)
              .join(', ')}`,
  };

  const stuck = await query<{ name: string; state: string; count: number }>(
    `SELECT name, state::text, count(*)::int AS count FROM pgboss.job
      WHERE name <> $1
        AND ((state = 'active' AND started_on < now() - make_interval(secs => expire_seconds + 30))
          OR (state IN ('created', 'retry') AND start_after < now() - interval '2 minutes'))
      GROUP BY name, state`,
    [DEAD_LETTER_QUEUE],
  );
  const exhausted = await query<{ name: string; count: number; output: unknown }>(
    `SELECT name, count(*)::int AS count, (array_agg(output))[1] AS output FROM pgboss.job
      WHERE state = 'failed' AND name <> $2 AND created_on >= $1 GROUP BY name`,
    [chaosStartedAt, DEAD_LETTER_QUEUE],
  );
  const inFlight = faults.flatMap((fault) => fault.jobsInFlight);
  const unfinished = await query<{ name: string; state: string; count: number }>(
    `SELECT name, state::text, count(*)::int AS count FROM pgboss.job
      WHERE id = ANY($1::uuid[]) AND state <> 'completed' GROUP BY name, state`,
    [inFlight],
  );
  const jobProblems = [
    ...unfinished.map((row) => `${row.count} ${row.name} active at a fault now ${row.state}`),
    ...stuck.map((row) => `${row.count} ${row.name} ${row.state} past due`),
    ...exhausted.map(
      (row) => `${row.count} ${row.name} failed for good (${JSON.stringify(row.output).slice(0, 160)})`,
    ),
  ];
  const totals = await query<{ state: string; count: number }>(
    'SELECT state::text, count(*)::int AS count FROM pgboss.job WHERE created_on >= $1 GROUP BY state ORDER BY state',
    [chaosStartedAt],
  );
  const jobs: CheckResult = {
    name: 'No job stuck or retry-exhausted',
    isPassed: jobProblems.length === 0,
    detail:
      jobProblems.length > 0
        ? jobProblems.join('; ')
        : `jobs since the start: ${totals.map((row) => `${row.count} ${row.state}`).join(', ')}; ` +
          `all ${inFlight.length} active at a fault completed`,
  };
  return [settled, jobs];
}

async function checkAudit(databaseUrl: string, publicKeyPem: string): Promise<CheckResult> {
  const db = createPrismaClient({ connectionString: databaseUrl, maxConnections: 2 });
  try {
    const report = await verifyAuditIntegrity(db, {
      keys: loadAuditKeys({ AUDIT_VERIFY_PUBLIC_KEY: publicKeyPem }),
    });
    return {
      name: 'Audit chain intact',
      isPassed: report.isIntact,
      detail: report.isIntact
        ? `${report.eventCount} events, ${report.checkpointCount} signed checkpoints, ${report.unsealedEventCount} not sealed yet`
        : report.problems
            .slice(0, 3)
            .map((problem) => JSON.stringify(problem))
            .join('; '),
    };
  } finally {
    await db.$disconnect();
  }
}

/** Each fault's own recovery: the web app ready again, the worker beating again. */
function checkEveryFaultRecovered(faults: FaultRecord[]): CheckResult {
  const unrecovered = faults.filter((fault) => fault.recoveryMs === null);
  return {
    name: 'Every fault recovered from',
    isPassed: unrecovered.length === 0,
    detail:
      unrecovered.length === 0
        ? faults.map((fault) => `${fault.name}: ${((fault.recoveryMs ?? 0) / 1000).toFixed(2)} s`).join('; ')
        : unrecovered.map((fault) => `${fault.name}: ${fault.notes.join('; ')}`).join('; '),
  };
}

function checkRecovery(faults: FaultRecord[], budgetMs: number): CheckResult {
  const restart = faults.find((fault) => fault.name === 'Postgres restart');
  const ms = restart?.recoveryMs ?? null;
  return {
    name: `App ready within ${budgetMs / 1000} s of the database returning`,
    isPassed: ms !== null && ms < budgetMs,
    detail:
      ms === null
        ? `not ready: ${restart?.notes.join('; ')}`
        : `/api/ready 200 after ${(ms / 1000).toFixed(2)} s`,
  };
}

export async function runChecks(input: {
  stack: ChaosStack;
  ledger: Ledger;
  faults: FaultRecord[];
  settleSeconds: number;
  readyBudgetMs: number;
  chaosStartedAt: Date;
}): Promise<CheckResult[]> {
  const client = new pg.Client({ connectionString: input.stack.databaseUrl });
  await client.connect();
  const query: Query = async (sql, params) => (await client.query(sql, params)).rows;
  try {
    const settled = await checkSettled(query, input.settleSeconds, input.chaosStartedAt, input.faults);
    return [
      await checkAcknowledgedWrites(query, input.ledger),
      await checkAwsResources(query, input.stack.awsSimUrl, input.ledger),
      ...settled,
      await checkAudit(input.stack.databaseUrl, input.stack.auditPublicKeyPem),
      checkRecovery(input.faults, input.readyBudgetMs),
      checkEveryFaultRecovered(input.faults),
    ];
  } finally {
    await client.end();
  }
}

import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startAwsSim } from '@cairn/aws-sim/server';
import { createTestDatabase, type TestDatabase } from '@cairn/db/testing/test-database';
import { mirrorModelGroupJob } from '@cairn/services/jobs/job-contracts';
import { type JobQueue, startJobQueue } from '@cairn/services/jobs/job-queue';
import { createModelGroup } from '@cairn/services/model-groups/create-model-group';
import { contextFor, makeTeam } from '@cairn/services/testing/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const TRIALS = Number(process.env.CRASH_TRIALS ?? 50);
const GROUPS_PER_TRIAL = 4;
const workerDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

let t: TestDatabase;
let sim: Awaited<ReturnType<typeof startAwsSim>>;
let producer: JobQueue;
/** Notices jobs whose worker was killed (stale heartbeat) every second, as a live worker would. */
let supervisor: JobQueue;

beforeAll(async () => {
  t = await createTestDatabase();
  sim = await startAwsSim({ port: 0 });
  producer = await startJobQueue({ connectionString: t.url, role: 'producer' });
  supervisor = await startJobQueue({ connectionString: t.url, role: 'worker', superviseIntervalSeconds: 1 });
});
afterAll(async () => {
  await supervisor.stop({ graceful: false });
  await producer.stop({ graceful: false });
  await sim.close();
  await t.drop();
});

/** The real worker process, as the demo and production start it. */
function startWorker(): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: workerDir,
    env: {
      ...process.env,
      DATABASE_URL: t.url,
      AWS_ENDPOINT_URL: sim.url,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'AKIAWORKER000000TEST',
      AWS_SECRET_ACCESS_KEY: 'test',
      WORKER_BATCH_SIZE: '2',
      WORKER_CONCURRENCY: '2',
      WORKER_SUPERVISE_SECONDS: '1',
      LOG_LEVEL: 'error',
    },
    stdio: 'ignore',
  });
}

function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForActiveJob(timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const [row] = await t.db.$queryRaw<{ count: bigint }[]>`
      SELECT count(*) AS count FROM pgboss.job WHERE name = ${mirrorModelGroupJob.name} AND state = 'active'`;
    if (row && row.count > 0n) return;
    await sleep(50);
  }
}

describe('crash safety', () => {
  it(`kill -9 the worker at random points ${TRIALS} times: every job completes once in effect`, async () => {
    const team = await makeTeam(t.db);
    await t.db.team.update({
      where: { id: team.teamId },
      data: { iamRoleArn: 'arn:aws:iam::210987654321:role/cairn-team-crash' },
    });
    const ctx = { ...contextFor(t.db, team.engineer), queue: producer };
    // Slow AWS down a little so kills land between a call and the recording of its result.
    await fetch(`${sim.url}/_sim/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ service: 'sagemaker', latencyMs: 400 }),
    });

    let groupCount = 0;
    for (let trial = 0; trial < TRIALS; trial++) {
      for (let i = 0; i < GROUPS_PER_TRIAL; i++) {
        await createModelGroup(ctx, {
          teamId: team.teamId,
          projectId: team.projectId,
          name: `crash-${trial}-${i}`,
          description: '',
        });
        groupCount++;
      }
      const worker = startWorker();
      // Wait for the worker to hold a job, then kill it a moment later: before, during or after
      // its AWS calls, or between a call and the recording of its result.
      await waitForActiveJob(15_000);
      await sleep(Math.random() * 900);
      await killHard(worker);
    }

    const finisher = startWorker();
    try {
      const deadline = Date.now() + 120_000;
      while (Date.now() < deadline) {
        const pending = await t.db.modelGroup.count({ where: { teamId: team.teamId, awsStatus: 'PENDING' } });
        if (pending === 0) break;
        await sleep(500);
      }
    } finally {
      await killHard(finisher);
      await fetch(`${sim.url}/_sim/faults`, { method: 'DELETE' });
    }

    const groups = await t.db.modelGroup.findMany({ where: { teamId: team.teamId } });
    expect(groups).toHaveLength(groupCount);
    expect(groups.filter((group) => group.awsStatus !== 'READY')).toEqual([]);
    const response = await fetch(`${sim.url}/_sim/resources?type=model-package-group`);
    const { resources } = (await response.json()) as { resources: { name: string }[] };
    const names = new Set(groups.map((group) => group.awsName));
    const created = resources.filter((resource) => names.has(resource.name)).map((resource) => resource.name);
    expect(created.length).toBe(groupCount);
    expect(new Set(created).size).toBe(groupCount);
    const jobs = await producer.findJobs(mirrorModelGroupJob.name, { data: { teamId: team.teamId } });
    expect(jobs.filter((job) => job.state !== 'completed')).toEqual([]);
    const adopted = await t.db.auditEvent.count({
      where: { teamId: team.teamId, action: 'aws.sagemaker.DescribeModelPackageGroup' },
    });
    const interrupted = jobs.filter((job) => job.retryCount > 0).length;
    console.info(
      `${TRIALS} kills: ${interrupted} jobs interrupted and retried, ${adopted} adopted a group an earlier attempt created`,
    );
  }, 600_000);
});

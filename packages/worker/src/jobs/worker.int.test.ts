import { startAwsSim } from '@cairn/aws-sim/server';
import { createTestDatabase, type TestDatabase } from '@cairn/db/testing/test-database';
import { requestAwsAccessCheck } from '@cairn/services/aws-access/request-aws-access-check';
import type { JobContract } from '@cairn/services/jobs/job-contracts';
import { type JobQueue, startJobQueue } from '@cairn/services/jobs/job-queue';
import { contextFor, makeTeam } from '@cairn/services/testing/fixtures';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTeamCredentialsProvider, type TeamCredentialsProvider } from '../aws/team-credentials';
import { HANDLERS } from './handlers';
import { type JobHandler, registerHandlers, type WorkerDeps } from './job-runner';

let t: TestDatabase;
let sim: Awaited<ReturnType<typeof startAwsSim>>;
let producer: JobQueue;
const workers: JobQueue[] = [];
let credentials: TeamCredentialsProvider;
let deps: WorkerDeps;

beforeAll(async () => {
  t = await createTestDatabase();
  sim = await startAwsSim({ port: 0 });
  producer = await startJobQueue({ connectionString: t.url, role: 'producer' });
  credentials = createTeamCredentialsProvider({
    stsClientConfig: {
      region: 'us-east-1',
      endpoint: sim.url,
      credentials: { accessKeyId: 'AKIAWORKER000000TEST', secretAccessKey: 'test' },
    },
  });
  deps = { db: t.db, credentials, awsEndpoint: sim.url, logger: pino({ level: 'silent' }) };
  const worker = await startJobQueue({ connectionString: t.url, role: 'worker' });
  workers.push(worker);
  await registerHandlers(worker, HANDLERS, deps, {
    batchSize: 5,
    localConcurrency: 2,
    pollingIntervalSeconds: 0.5,
  });
});
afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.stop({ graceful: false })));
  await producer.stop({ graceful: false });
  credentials.destroy();
  await sim.close();
  await t.drop();
});

async function waitFor<T>(
  read: () => Promise<T>,
  isDone: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (isDone(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const checkOf = (id: string) => t.db.awsAccessCheck.findUniqueOrThrow({ where: { id } });

describe('the worker', () => {
  it("checks a team's AWS access under the team's own role, audited on behalf of the requester", async () => {
    const team = await makeTeam(t.db);
    const roleArn = 'arn:aws:iam::123456789012:role/cairn-team-checked';
    await t.db.team.update({ where: { id: team.teamId }, data: { iamRoleArn: roleArn } });
    const check = await requestAwsAccessCheck(
      { ...contextFor(t.db, team.admin), queue: producer },
      { teamId: team.teamId },
    );

    const done = await waitFor(
      () => checkOf(check.id),
      (c) => c.status !== 'PENDING',
    );
    expect(done).toMatchObject({ status: 'SUCCEEDED', account: '123456789012' });
    expect(done.assumedArn).toMatch(/^arn:aws:sts::123456789012:assumed-role\/cairn-team-checked\//);
    const call = await t.db.auditEvent.findFirstOrThrow({
      where: { action: 'aws.sts.GetCallerIdentity', teamId: team.teamId },
    });
    expect(call).toMatchObject({ actorType: 'WORKER', onBehalfOfUserId: team.admin.id, outcome: 'SUCCESS' });
    expect(call.awsRequestId).toBeTruthy();
  });

  it('fails a team without a role clearly, at once, and shows it as a failed job', async () => {
    const team = await makeTeam(t.db);
    const check = await requestAwsAccessCheck(
      { ...contextFor(t.db, team.admin), queue: producer },
      { teamId: team.teamId },
    );
    const done = await waitFor(
      () => checkOf(check.id),
      (c) => c.status !== 'PENDING',
    );
    expect(done.status).toBe('FAILED');
    expect(done.errorMessage).toContain('IAM role');
    // The verdict is recorded before pg-boss settles the job: wait for the job too.
    const [job] = await waitFor(
      () => producer.findJobs('team.verify-aws-access', { id: check.jobId ?? '' }),
      ([found]) => found?.state === 'failed',
    );
    expect(job).toMatchObject({ state: 'failed', retryCount: 0 });
  });

  it('never runs the same job in two workers at once, and runs each exactly once', async () => {
    const contract: JobContract<{ n: number }> = {
      name: 'test.exclusive',
      payload: z.object({ n: z.number() }),
      retryLimit: 0,
      retryDelay: 1,
      retryDelayMax: 1,
      expireInSeconds: 60,
    };
    const running = new Set<string>();
    const runs: string[] = [];
    let overlaps = 0;
    const handler: JobHandler<{ n: number }> = {
      contract,
      async run(_payload, run) {
        if (running.has(run.jobId)) overlaps++;
        running.add(run.jobId);
        runs.push(run.jobId);
        await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20));
        running.delete(run.jobId);
      },
    };
    await producer.createQueue(contract.name, { retryLimit: 0 });
    const second = await startJobQueue({ connectionString: t.url, role: 'worker' });
    workers.push(second);
    for (const worker of workers) {
      await registerHandlers(worker, [handler as JobHandler<never>], deps, {
        batchSize: 4,
        localConcurrency: 3,
        pollingIntervalSeconds: 0.5,
      });
    }
    const ids = await Promise.all(Array.from({ length: 60 }, (_, n) => producer.send(contract.name, { n })));
    await waitFor(
      async () => runs.length,
      (count) => count >= ids.length,
      30_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(overlaps).toBe(0);
    expect(runs.length).toBe(ids.length);
    expect(new Set(runs).size).toBe(ids.length);
  });
});

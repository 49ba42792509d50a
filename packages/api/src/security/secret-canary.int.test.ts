import { createTestDatabase, type TestDatabase } from '@cairn/db/testing/test-database';
import { hashPassword } from '@cairn/services/auth/password';
import { signInWithPassword } from '@cairn/services/auth/sign-in-with-password';
import { type JobQueue, startJobQueue } from '@cairn/services/jobs/job-queue';
import {
  makeTeam,
  makeUser,
  type TestTeam,
  type TestUser,
  testRequest,
} from '@cairn/services/testing/fixtures';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sampleInputs } from '../authorization-samples';
import { createContext } from '../context';
import { mlflowCaller } from '../mlflow/testing/mlflow-test-kit';
import { appRouter, createCaller } from '../root';
import type { ProcedureMeta } from '../trpc';
import { type Captured, findSecrets } from './find-secrets';

let t: TestDatabase;
let queue: JobQueue;
let team: TestTeam;
let orgAdmin: TestUser;
/** Each secret the system holds, planted with a value found nowhere else. */
const secrets: Record<string, string> = {};
const consoleLines: string[] = [];

async function callerFor(user: TestUser) {
  const ctx = await createContext({
    db: t.db,
    session: { userId: user.id, issuedAt: new Date(Date.now() + 1000) },
    request: testRequest,
    queue,
  });
  return createCaller(ctx);
}

beforeAll(async () => {
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      consoleLines.push(args.map((arg) => (arg instanceof Error ? arg.stack : String(arg))).join(' '));
    });
  }
  t = await createTestDatabase();
  queue = await startJobQueue({ connectionString: t.url, role: 'producer' });
  team = await makeTeam(t.db);

  secrets.password = `canary-password-${crypto.randomUUID()}`;
  secrets.passwordHash = await hashPassword(secrets.password);
  orgAdmin = await makeUser(t.db, [], { isOrgAdmin: true, passwordHash: secrets.passwordHash });
  const signIn = {
    db: t.db,
    request: testRequest,
    actor: { kind: 'anonymous', label: 'anonymous' },
  } as const;
  await signInWithPassword(signIn as never, { email: orgAdmin.email, password: secrets.password });
  await signInWithPassword(signIn as never, {
    email: orgAdmin.email,
    password: `${secrets.password}!`,
  }).catch(() => null);

  // Created through the procedures people use, so their audit events are among those searched.
  const admin = await callerFor(team.admin);
  const created = await admin.token.create({ teamId: team.teamId, projectId: team.projectId, name: 'ci' });
  secrets.apiToken = created.secret;
  const stored = await t.db.apiToken.findFirstOrThrow({ where: { id: created.id } });
  secrets.apiTokenHash = stored.secretHash;
  const ref = { teamId: team.teamId, projectId: team.projectId };
  await admin.webhook.save({
    ...ref,
    url: 'https://hooks.example.com/cairn',
    events: ['model_version.approved'],
  });
  secrets.rotatedWebhookSecret = (await admin.webhook.rotateSecret(ref)).secret;
  secrets.webhookSecret = `canary-webhook-${crypto.randomUUID()}`;
  await t.db.projectWebhook.updateMany({ where: ref, data: { secret: secrets.webhookSecret } });
}, 120_000);

afterAll(async () => {
  vi.restoreAllMocks();
  await queue.stop({ graceful: false });
  await t.drop();
});

describe('no secret in any response, audit event or log line', () => {
  it('every query, as org admin and team admin, answers without a secret', { timeout: 90_000 }, async () => {
    const queries = Object.entries(
      appRouter._def.procedures as unknown as Record<
        string,
        { _def: { type: string; meta?: ProcedureMeta } }
      >,
    ).filter(([, procedure]) => procedure._def.type === 'query');
    expect(queries.length).toBeGreaterThan(30);
    const samples = sampleInputs(t.db, team, queue);
    const captured: Captured[] = [];
    for (const [label, user] of [
      ['org admin', orgAdmin],
      ['team admin', team.admin],
    ] as const) {
      const caller = await callerFor(user);
      for (const [path, procedure] of queries) {
        if (user !== orgAdmin && procedure._def.meta?.requires === 'orgAdmin') continue;
        const fn = path
          .split('.')
          .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (
          input: unknown,
        ) => Promise<unknown>;
        const output = await fn(await samples[path]!());
        captured.push({ where: `${path} as ${label}`, text: superjson.stringify(output) });
      }
    }
    expect(findSecrets(secrets, captured)).toEqual([]);
  });

  it('the MLflow API answers without a secret, including to a wrong token', async () => {
    const call = mlflowCaller(t.db, secrets.apiToken!);
    const experiment = await call('POST', 'experiments/create', { name: 'canary' });
    const experimentId = experiment.body.experiment_id as string;
    const run = await call('POST', 'runs/create', { experiment_id: experimentId, start_time: Date.now() });
    const runId = run.body.run.info.run_id as string;
    const replies = [
      experiment,
      run,
      await call('POST', 'runs/log-batch', { run_id: runId, params: [{ key: 'p', value: '1' }] }),
      await call('GET', 'runs/get', { run_id: runId }),
      await call('POST', 'runs/search', { experiment_ids: [experimentId] }),
      await call('GET', 'experiments/get', { experiment_id: experimentId }),
      await call('POST', 'experiments/search', { max_results: 10 }),
      await call('GET', 'experiments/get', { experiment_id: '0' }, { token: `${secrets.apiToken}x` }),
      await call('GET', 'experiments/get', { experiment_id: '0' }, { token: secrets.password! }),
    ];
    const captured = replies.map((reply, i) => ({
      where: `MLflow reply ${i} (${reply.status})`,
      text: JSON.stringify(reply.body),
    }));
    expect(findSecrets(secrets, captured)).toEqual([]);
  });

  it('no audit event (before, after, reason or any other field) and no console line holds a secret', async () => {
    const events = await t.db.auditEvent.findMany();
    expect(events.map((event) => event.action)).toEqual(
      expect.arrayContaining(['auth.signIn', 'token.create', 'webhook.create', 'webhook.rotateSecret']),
    );
    const audit = events.map((event) => ({
      where: `audit event ${event.action} (${event.outcome})`,
      text: superjson.stringify(event),
    }));
    const logs = consoleLines.map((line, i) => ({ where: `console line ${i}`, text: line }));
    expect(findSecrets(secrets, [...audit, ...logs])).toEqual([]);
  });
});

describe('the search itself', () => {
  it('finds a planted secret wherever it hides', () => {
    const planted = { apiToken: 'cairn_abcd_secret' };
    const found = findSecrets(planted, [
      { where: 'clean reply', text: '{"ok":true}' },
      { where: 'leaky audit event', text: superjson.stringify({ after: { note: 'x cairn_abcd_secret y' } }) },
    ]);
    expect(found).toEqual(['apiToken in leaky audit event']);
  });
});

import { createTestDatabase, type TestDatabase } from '@cairn/db/testing/test-database';
import { ABSOLUTE_SESSION_MS, resolveSessionUser } from '@cairn/services/auth/resolve-session-user';
import {
  makeTeam,
  makeUser,
  type TestTeam,
  type TestUser,
  testRequest,
} from '@cairn/services/testing/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../context';
import { type MlflowCaller, makeToken, mlflowCaller } from '../mlflow/testing/mlflow-test-kit';
import { createCaller } from '../root';

let t: TestDatabase;
let team: TestTeam;
let orgAdmin: TestUser;

beforeAll(async () => {
  t = await createTestDatabase();
  team = await makeTeam(t.db);
  orgAdmin = await makeUser(t.db, [], { isOrgAdmin: true });
});
afterAll(async () => {
  await t.drop();
});

async function callerAt(user: TestUser, issuedAt: Date) {
  return createCaller(
    await createContext({ db: t.db, session: { userId: user.id, issuedAt }, request: testRequest }),
  );
}

/** A team engineer whose sessions are valid from `since`, as if they had signed up back then. */
async function userSince(since: Date): Promise<TestUser> {
  const user = await makeUser(t.db, [{ teamId: team.teamId, role: 'ENGINEER' }]);
  await t.db.user.update({ where: { id: user.id }, data: { sessionsValidFrom: since } });
  return user;
}

describe('sessions', () => {
  it('refuses a session issued before the user was disabled, even once they are enabled again', async () => {
    const user = await userSince(new Date(Date.now() - 120_000));
    const signedInAt = new Date(Date.now() - 60_000);
    await expect((await callerAt(user, signedInAt)).team.list()).resolves.toHaveLength(1);
    const admin = await callerAt(orgAdmin, new Date());
    await admin.user.setDisabled({ userId: user.id, isDisabled: true, reason: 'Lost laptop' });
    await admin.user.setDisabled({ userId: user.id, isDisabled: false });
    await expect((await callerAt(user, signedInAt)).team.list()).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
    // Signing in again after the revocation is a new session, and it stands.
    await expect((await callerAt(user, new Date(Date.now() + 1000))).team.list()).resolves.toHaveLength(1);
  });

  it('refuses a session past its absolute lifetime on the server too, whatever the cookie says', async () => {
    const now = new Date();
    const user = await userSince(new Date(now.getTime() - 2 * ABSOLUTE_SESSION_MS));
    const justInside = new Date(now.getTime() - ABSOLUTE_SESSION_MS + 1000);
    const justOutside = new Date(now.getTime() - ABSOLUTE_SESSION_MS - 1000);
    expect(await resolveSessionUser(t.db, { userId: user.id, issuedAt: justInside }, now)).not.toBeNull();
    expect(await resolveSessionUser(t.db, { userId: user.id, issuedAt: justOutside }, now)).toBeNull();
  });

  it('refuses a session naming a user who does not exist', async () => {
    const ghost = { id: crypto.randomUUID(), email: 'ghost@test.example' } as TestUser;
    await expect((await callerAt(ghost, new Date())).me.get()).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
  });
});

describe('API token scope', () => {
  let ownCall: MlflowCaller;
  let sibling: { experimentId: string; runId: string };

  beforeAll(async () => {
    ownCall = mlflowCaller(t.db, await makeToken(t.db, team.engineer, team));
    const project = await t.db.project.create({
      data: { teamId: team.teamId, name: 'Sibling', slug: `sibling-${crypto.randomUUID().slice(0, 8)}` },
    });
    const siblingCall = mlflowCaller(
      t.db,
      await makeToken(t.db, team.engineer, { teamId: team.teamId, projectId: project.id }),
    );
    const experimentId = (await siblingCall('POST', 'experiments/create', { name: 'sibling' })).body
      .experiment_id as string;
    const run = await siblingCall('POST', 'runs/create', { experiment_id: experimentId, start_time: 1 });
    sibling = { experimentId, runId: run.body.run.info.run_id as string };
  });

  it('cannot read or write another project of the same team', async () => {
    const { experimentId, runId } = sibling;
    const attempts = [
      await ownCall('GET', 'experiments/get', { experiment_id: experimentId }),
      await ownCall('GET', 'runs/get', { run_id: runId }),
      await ownCall('POST', 'runs/create', { experiment_id: experimentId, start_time: 2 }),
      await ownCall('POST', 'runs/log-batch', { run_id: runId, params: [{ key: 'k', value: 'v' }] }),
      await ownCall('POST', 'runs/update', { run_id: runId, status: 'FAILED' }),
      await ownCall('POST', 'experiments/delete', { experiment_id: experimentId }),
    ];
    for (const reply of attempts) {
      expect(reply.status).toBe(404);
      expect(reply.body.error_code).toBe('RESOURCE_DOES_NOT_EXIST');
    }
    const search = await ownCall('POST', 'runs/search', { experiment_ids: [experimentId] });
    expect(search.body.runs ?? []).toEqual([]);
    const experiments = await ownCall('POST', 'experiments/search', { max_results: 100 });
    const ids = (experiments.body.experiments ?? []).map((e: { experiment_id: string }) => e.experiment_id);
    expect(ids).not.toContain(experimentId);
    expect(await t.db.runParam.count({ where: { runId } })).toBe(0);
    expect((await t.db.run.findUniqueOrThrow({ where: { id: runId } })).status).not.toBe('FAILED');
  });

  it('is refused once expired', async () => {
    const token = await makeToken(t.db, team.engineer, team);
    const prefix = token.split('_')[1]!;
    await t.db.apiToken.update({ where: { prefix }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const reply = await ownCall('GET', 'experiments/get', { experiment_id: '0' }, { token });
    expect(reply.status).toBe(401);
  });

  it('is refused once its creator leaves the team or is disabled', async () => {
    const leaver = await makeUser(t.db, [{ teamId: team.teamId, role: 'ENGINEER' }]);
    const leaverToken = await makeToken(t.db, leaver, team);
    await t.db.membership.delete({ where: { teamId_userId: { teamId: team.teamId, userId: leaver.id } } });
    const afterLeaving = await ownCall('POST', 'experiments/search', {}, { token: leaverToken });
    expect([401, 403]).toContain(afterLeaving.status);

    const disabled = await makeUser(t.db, [{ teamId: team.teamId, role: 'ENGINEER' }]);
    const disabledToken = await makeToken(t.db, disabled, team);
    await t.db.user.update({ where: { id: disabled.id }, data: { disabledAt: new Date() } });
    const afterDisabling = await ownCall('POST', 'experiments/search', {}, { token: disabledToken });
    expect([401, 403]).toContain(afterDisabling.status);
  });
});

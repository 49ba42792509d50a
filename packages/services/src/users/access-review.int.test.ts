import { setUserDisabledInput } from '@cairn/core/schemas/user';
import { createTestDatabase, type TestDatabase } from '@cairn/db/testing/test-database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSessionUser } from '../auth/resolve-session-user';
import { contextFor, makeTeam, makeUser } from '../testing/fixtures';
import { listUsers } from './list-users';
import { setUserDisabled } from './set-user-disabled';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const DAY = 24 * 60 * 60 * 1000;

async function makeToken(teamId: string, projectId: string, userId: string, fields: object = {}) {
  return t.db.apiToken.create({
    data: {
      teamId,
      projectId,
      name: `token ${crypto.randomUUID()}`,
      prefix: `cairn_${crypto.randomUUID().slice(0, 12)}`,
      secretHash: 'x',
      createdById: userId,
      expiresAt: new Date(Date.now() + 30 * DAY),
      ...fields,
    },
  });
}

/** A user who signed in a minute ago, whose session still stands. */
async function signedInMinuteAgo(userId: string) {
  await t.db.user.update({
    where: { id: userId },
    data: { sessionsValidFrom: new Date(Date.now() - 60 * 60_000) },
  });
  const session = { userId, issuedAt: new Date(Date.now() - 60_000) };
  expect(await resolveSessionUser(t.db, session)).not.toBeNull();
  return session;
}

describe('access review', () => {
  it("lists each user's teams and roles, last sign-in and the tokens they created with last use", async () => {
    const team = await makeTeam(t.db);
    const orgAdmin = await makeUser(t.db, [], { isOrgAdmin: true });
    const lastUsedAt = new Date(Date.now() - DAY);
    await t.db.user.update({ where: { id: team.engineer.id }, data: { lastSignInAt: lastUsedAt } });
    const used = await makeToken(team.teamId, team.projectId, team.engineer.id, { lastUsedAt });
    await makeToken(team.teamId, team.projectId, team.engineer.id, { revokedAt: new Date() });
    await makeToken(team.teamId, team.projectId, team.engineer.id, { expiresAt: new Date(Date.now() - DAY) });

    const users = await listUsers(contextFor(t.db, orgAdmin));
    const engineer = users.find((user) => user.id === team.engineer.id);

    expect(engineer).toMatchObject({
      lastSignInAt: lastUsedAt,
      isDisabled: false,
      activeTokenCount: 1,
      teams: [{ teamId: team.teamId, role: 'ENGINEER' }],
    });
    expect(engineer?.tokens.map((token) => token.status).sort()).toEqual(['active', 'expired', 'revoked']);
    expect(engineer?.tokens.find((token) => token.id === used.id)).toMatchObject({
      lastUsedAt,
      projectId: team.projectId,
      prefix: used.prefix,
    });
    expect(JSON.stringify(engineer)).not.toContain('secretHash');
  });

  it('disabling ends the sessions, is audited with the reason, and the review shows why', async () => {
    const team = await makeTeam(t.db);
    const orgAdmin = await makeUser(t.db, [], { isOrgAdmin: true });
    const ctx = contextFor(t.db, orgAdmin);
    const session = await signedInMinuteAgo(team.viewer.id);

    await setUserDisabled(
      ctx,
      setUserDisabledInput.parse({ userId: team.viewer.id, isDisabled: true, reason: 'Left the company' }),
    );

    expect(await resolveSessionUser(t.db, session)).toBeNull();
    const event = await t.db.auditEvent.findFirstOrThrow({
      where: { action: 'user.disable', resourceId: team.viewer.id },
    });
    expect(event.after).toMatchObject({ isDisabled: true, reason: 'Left the company' });
    const reviewed = (await listUsers(ctx)).find((user) => user.id === team.viewer.id);
    expect(reviewed).toMatchObject({ isDisabled: true, disabledReason: 'Left the company' });
    expect(reviewed?.disabledAt).toBeInstanceOf(Date);
  });

  it('re-enabling lets new sessions in but not the ones disabling ended', async () => {
    const team = await makeTeam(t.db);
    const orgAdmin = await makeUser(t.db, [], { isOrgAdmin: true });
    const ctx = contextFor(t.db, orgAdmin);
    const oldSession = await signedInMinuteAgo(team.viewer.id);
    await setUserDisabled(
      ctx,
      setUserDisabledInput.parse({ userId: team.viewer.id, isDisabled: true, reason: 'Audit' }),
    );
    await setUserDisabled(ctx, setUserDisabledInput.parse({ userId: team.viewer.id, isDisabled: false }));

    expect(await resolveSessionUser(t.db, oldSession)).toBeNull();
    const newSession = { userId: team.viewer.id, issuedAt: new Date(Date.now() + 1_000) };
    expect(await resolveSessionUser(t.db, newSession, new Date(Date.now() + 2_000))).not.toBeNull();
    await expect(
      t.db.auditEvent.count({ where: { action: 'user.enable', resourceId: team.viewer.id } }),
    ).resolves.toBe(1);
    expect((await listUsers(ctx)).find((user) => user.id === team.viewer.id)).toMatchObject({
      isDisabled: false,
      disabledReason: null,
    });
  });

  it('asks for a reason to disable, and refuses to disable yourself', async () => {
    const userId = crypto.randomUUID();
    const missing = setUserDisabledInput.safeParse({ userId, isDisabled: true, reason: ' ' });
    expect(missing.error?.issues.map((issue) => issue.path[0])).toEqual(['reason']);
    expect(setUserDisabledInput.safeParse({ userId, isDisabled: false }).success).toBe(true);

    const orgAdmin = await makeUser(t.db, [], { isOrgAdmin: true });
    await expect(
      setUserDisabled(
        contextFor(t.db, orgAdmin),
        setUserDisabledInput.parse({ userId: orgAdmin.id, isDisabled: true, reason: 'Testing' }),
      ),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});

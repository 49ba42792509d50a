import { isDomainError } from '@cairn/core/errors';
import { createTeamInput } from '@cairn/core/schemas/team';
import { createTestDatabase, type TestDatabase } from '@cairn/db/testing/test-database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertOidcUser } from '../auth/upsert-oidc-user';
import { systemRequest } from '../context';
import { contextFor, makeTeam, makeUser } from '../testing/fixtures';
import { createTeam } from './create-team';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (isDomainError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('creating a team', () => {
  it('lets an org admin create one, audited, and refuses a second with the same slug', async () => {
    const orgAdmin = await makeUser(t.db, [], { isOrgAdmin: true });
    const name = `Payments Risk ${crypto.randomUUID().slice(0, 8)}`;
    const team = await createTeam(
      contextFor(t.db, orgAdmin),
      createTeamInput.parse({ name, awsRegion: 'eu-west-1' }),
    );
    expect(team).toMatchObject({ name, awsRegion: 'eu-west-1' });
    expect(team.slug).toMatch(/^payments-risk-/);
    const event = await t.db.auditEvent.findFirstOrThrow({
      where: { action: 'team.create', resourceId: team.id },
    });
    expect(event).toMatchObject({ teamId: team.id, actorUserId: orgAdmin.id, outcome: 'SUCCESS' });

    expect(
      await refusal(
        createTeam(contextFor(t.db, orgAdmin), { name: name.toUpperCase(), awsRegion: 'us-east-1' }),
      ),
    ).toMatchObject({
      code: 'CONFLICT',
    });
    expect(await t.db.team.count({ where: { slug: team.slug } })).toBe(1);
  });

  it('refuses everyone else, team admins included', async () => {
    const existing = await makeTeam(t.db);
    expect(
      await refusal(
        createTeam(contextFor(t.db, existing.admin), { name: 'Shadow IT', awsRegion: 'us-east-1' }),
      ),
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect(createTeamInput.safeParse({ name: ' ', awsRegion: 'moon-1' }).success).toBe(false);
  });
});

describe('bootstrapping org admins', () => {
  it('makes a listed verified email an org admin on its first sign-in, once and audited; others stay as they are', async () => {
    const email = `first-admin-${crypto.randomUUID().slice(0, 8)}@example.com`;
    const ctx = {
      db: t.db,
      actor: { kind: 'anonymous' as const, label: email },
      request: systemRequest('test'),
    };
    const signIn = (address: string, subject: string) =>
      upsertOidcUser(
        ctx,
        { provider: 'oidc', subject, email: address, name: null },
        { orgAdminEmails: [` ${email.toUpperCase()} `] },
      );

    const first = await signIn(email, `sub-${email}`);
    expect(first.isOrgAdmin).toBe(true);
    await signIn(email, `sub-${email}`);
    const grants = await t.db.auditEvent.findMany({
      where: { action: 'user.grantOrgAdmin', resourceId: first.userId },
    });
    expect(grants).toHaveLength(1);
    expect(grants[0]?.reason).toContain('CAIRN_ORG_ADMIN_EMAILS');

    const other = await signIn(
      `someone-${crypto.randomUUID().slice(0, 8)}@example.com`,
      `sub-other-${email}`,
    );
    expect(other.isOrgAdmin).toBe(false);
  });
});

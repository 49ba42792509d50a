import { createTestDatabase, type TestDatabase } from '@cairn/db/testing/test-database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticateApiToken } from '../api-tokens/authenticate-api-token';
import { createApiToken } from '../api-tokens/create-api-token';
import { listApiTokens } from '../api-tokens/list-api-tokens';
import { revokeApiToken } from '../api-tokens/revoke-api-token';
import { contextFor, makeTeam } from '../testing/fixtures';
import { createProject } from './create-project';
import { getProject } from './get-project';
import { listProjects } from './list-projects';
import { setProjectArchived } from './set-project-archived';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

describe('projects', () => {
  it('creates a project with its audit event in the same transaction', async () => {
    const team = await makeTeam(t.db);
    const ctx = contextFor(t.db, team.engineer);
    const project = await createProject(ctx, { teamId: team.teamId, name: 'Churn Model', description: '' });
    const events = await t.db.auditEvent.findMany({ where: { resourceId: project.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'project.create',
      teamId: team.teamId,
      actorLabel: team.engineer.email,
    });
  });

  it('refuses a duplicate name and writes nothing', async () => {
    const team = await makeTeam(t.db);
    const ctx = contextFor(t.db, team.engineer);
    await createProject(ctx, { teamId: team.teamId, name: 'Churn Model', description: '' });
    const before = await t.db.auditEvent.count();
    await expect(
      createProject(ctx, { teamId: team.teamId, name: 'churn model!', description: '' }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      field: 'name',
    });
    expect(await t.db.auditEvent.count()).toBe(before);
    expect(await t.db.project.count({ where: { teamId: team.teamId } })).toBe(2);
  });

  it("answers NOT_FOUND for another team's project", async () => {
    const mine = await makeTeam(t.db);
    const theirs = await makeTeam(t.db);
    const ctx = contextFor(t.db, mine.admin);
    await expect(getProject(ctx, { teamId: mine.teamId, projectId: theirs.projectId })).rejects.toMatchObject(
      {
        code: 'NOT_FOUND',
      },
    );
    await expect(
      setProjectArchived(ctx, { teamId: mine.teamId, projectId: theirs.projectId, isArchived: true }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('archives and restores, and lists with keyset pages', async () => {
    const team = await makeTeam(t.db);
    const ctx = contextFor(t.db, team.admin);
    for (const name of ['A', 'B', 'C'])
      await createProject(ctx, { teamId: team.teamId, name, description: '' });
    await setProjectArchived(ctx, { teamId: team.teamId, projectId: team.projectId, isArchived: true });
    const first = await listProjects(ctx, { teamId: team.teamId, includeArchived: false, limit: 2 });
    expect(first.items.map((p) => p.name)).toEqual(['C', 'B']);
    const second = await listProjects(ctx, {
      teamId: team.teamId,
      includeArchived: false,
      limit: 2,
      cursor: first.nextCursor,
    });
    expect(second.items.map((p) => p.name)).toEqual(['A']);
    expect(second.nextCursor).toBeUndefined();
    const all = await listProjects(ctx, { teamId: team.teamId, includeArchived: true, limit: 10 });
    expect(all.items).toHaveLength(4);
  });
});

describe('API tokens', () => {
  it('shows the secret once, stores only its hash, authenticates, and stops after revocation', async () => {
    const team = await makeTeam(t.db);
    const ctx = contextFor(t.db, team.engineer);
    const created = await createApiToken(ctx, {
      teamId: team.teamId,
      projectId: team.projectId,
      name: 'ci',
      expiresInDays: 30,
    });
    expect(created.secret).toMatch(/^cairn_[0-9a-z]{8}_[0-9A-Za-z]{32}$/);
    const stored = await t.db.apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(JSON.stringify(stored)).not.toContain(created.secret);
    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { resourceId: created.id } });
    expect(JSON.stringify({ ...audit, seq: String(audit.seq) })).not.toContain(created.secret);

    const actor = await authenticateApiToken(t.db, created.secret);
    expect(actor).toMatchObject({ kind: 'apiToken', projectId: team.projectId, teamId: team.teamId });
    expect(await authenticateApiToken(t.db, `${created.secret.slice(0, -1)}x`)).toBeNull();

    await revokeApiToken(ctx, { teamId: team.teamId, tokenId: created.id });
    expect(await authenticateApiToken(t.db, created.secret)).toBeNull();
    const [listed] = await listApiTokens(ctx, { teamId: team.teamId, projectId: team.projectId });
    expect(listed).toMatchObject({ status: 'revoked', lastUsedAt: expect.any(Date) });
  });

  it('refuses expired tokens', async () => {
    const team = await makeTeam(t.db);
    const ctx = contextFor(t.db, team.engineer);
    const created = await createApiToken(ctx, {
      teamId: team.teamId,
      projectId: team.projectId,
      name: 'old',
      expiresInDays: 1,
    });
    await t.db.apiToken.update({
      where: { id: created.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await authenticateApiToken(t.db, created.secret)).toBeNull();
  });
});

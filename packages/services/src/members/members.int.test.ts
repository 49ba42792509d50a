import { createTestDatabase, type TestDatabase } from '@cairn/db/testing/test-database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor, makeTeam, makeUser } from '../testing/fixtures';
import { addMember } from './add-member';
import { removeMember } from './remove-member';
import { updateMemberRole } from './update-member-role';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

describe('members', () => {
  it('adds an existing user, refuses a second add and unknown emails', async () => {
    const team = await makeTeam(t.db);
    const ctx = contextFor(t.db, team.admin);
    const newcomer = await makeUser(t.db);
    await expect(
      addMember(ctx, { teamId: team.teamId, email: newcomer.email, role: 'VIEWER' }),
    ).resolves.toMatchObject({
      role: 'VIEWER',
    });
    await expect(
      addMember(ctx, { teamId: team.teamId, email: newcomer.email, role: 'VIEWER' }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(
      addMember(ctx, { teamId: team.teamId, email: 'nobody@test.example', role: 'VIEWER' }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
      field: 'email',
    });
  });

  it('audits a role change with before and after', async () => {
    const team = await makeTeam(t.db);
    await updateMemberRole(contextFor(t.db, team.admin), {
      teamId: team.teamId,
      userId: team.viewer.id,
      role: 'ENGINEER',
    });
    const event = await t.db.auditEvent.findFirstOrThrow({
      where: { action: 'member.updateRole', teamId: team.teamId },
    });
    expect(event.before).toMatchObject({ role: 'VIEWER' });
    expect(event.after).toMatchObject({ role: 'ENGINEER' });
  });

  it('never leaves a team without an admin, and rolls the change back', async () => {
    const team = await makeTeam(t.db);
    const ctx = contextFor(t.db, team.admin);
    await expect(
      updateMemberRole(ctx, { teamId: team.teamId, userId: team.admin.id, role: 'VIEWER' }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(removeMember(ctx, { teamId: team.teamId, userId: team.admin.id })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    const admin = await t.db.membership.findFirstOrThrow({
      where: { teamId: team.teamId, userId: team.admin.id },
    });
    expect(admin.role).toBe('ADMIN');
    expect(await t.db.auditEvent.count({ where: { teamId: team.teamId } })).toBe(0);
  });
});

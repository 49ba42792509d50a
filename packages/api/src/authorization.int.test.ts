import { PERMISSION_MIN_ROLE, roleHasPermission } from '@cairn/core/permissions';
import type { Role } from '@cairn/core/roles';
import { createTestDatabase, type TestDatabase } from '@cairn/db/testing/test-database';
import { type JobQueue, startJobQueue } from '@cairn/services/jobs/job-queue';
import {
  makeTeam,
  makeUser,
  type TestTeam,
  type TestUser,
  testRequest,
} from '@cairn/services/testing/fixtures';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleInputs } from './authorization-samples';
import { createContext } from './context';
import { appRouter, createCaller } from './root';
import type { ProcedureMeta } from './trpc';

let t: TestDatabase;
let team: TestTeam;
let outsider: TestUser;
let orgAdmin: TestUser;
let queue: JobQueue;

beforeAll(async () => {
  t = await createTestDatabase();
  team = await makeTeam(t.db);
  const otherTeam = await makeTeam(t.db);
  outsider = otherTeam.admin;
  orgAdmin = await makeUser(t.db, [], { isOrgAdmin: true });
  queue = await startJobQueue({ connectionString: t.url, role: 'producer' });
});
afterAll(async () => {
  await queue.stop({ graceful: false });
  await t.drop();
});

async function callerFor(user: TestUser | null) {
  const ctx = await createContext({
    db: t.db,
    session: user ? { userId: user.id, issuedAt: new Date(Date.now() + 1000) } : null,
    request: testRequest,
    queue,
  });
  return createCaller(ctx);
}

const procedures = Object.entries(
  appRouter._def.procedures as unknown as Record<string, { _def: { meta?: ProcedureMeta; type: string } }>,
);

async function outcome(user: TestUser | null, path: string): Promise<string> {
  const caller = await callerFor(user);
  const fn = path
    .split('.')
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (
    input: unknown,
  ) => Promise<unknown>;
  try {
    await fn(await sampleInputs(t.db, team, queue)[path]!());
    return 'ALLOWED';
  } catch (error) {
    if (error instanceof TRPCError && ['UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND'].includes(error.code))
      return error.code;
    throw error;
  }
}

describe('deny by default', () => {
  it('every procedure declares what it requires, and only known ones are public', () => {
    for (const [path, procedure] of procedures) {
      expect(procedure._def.meta?.requires, path).toBeDefined();
      expect(
        sampleInputs(t.db, team, queue)[path],
        `${path} needs a sample input in authorization-samples.ts`,
      ).toBeDefined();
    }
    const isPublic = procedures.filter(([, p]) => p._def.meta?.requires === 'public').map(([path]) => path);
    expect(isPublic).toEqual([]);
  });
});

describe('authorization matrix', () => {
  const roles: Role[] = ['VIEWER', 'ENGINEER', 'APPROVER', 'ADMIN'];
  const memberOf = (role: Role) =>
    ({ VIEWER: team.viewer, ENGINEER: team.engineer, APPROVER: team.approver, ADMIN: team.admin })[role];

  for (const [path, procedure] of procedures) {
    const requires = procedure._def.meta!.requires;
    it(`${path} (${requires})`, async () => {
      expect(await outcome(null, path)).toBe('UNAUTHORIZED');
      for (const role of roles) {
        const expected =
          requires === 'authenticated'
            ? 'ALLOWED'
            : requires === 'orgAdmin'
              ? 'FORBIDDEN'
              : requires in PERMISSION_MIN_ROLE &&
                  roleHasPermission(role, requires as keyof typeof PERMISSION_MIN_ROLE)
                ? 'ALLOWED'
                : 'FORBIDDEN';
        expect(`${role}: ${await outcome(memberOf(role), path)}`).toBe(`${role}: ${expected}`);
      }
      const outsiderExpected =
        requires === 'authenticated'
          ? 'ALLOWED'
          : requires === 'orgAdmin' || requires === 'audit:read'
            ? 'FORBIDDEN'
            : 'NOT_FOUND';
      expect(`outsider: ${await outcome(outsider, path)}`).toBe(`outsider: ${outsiderExpected}`);
      expect(`org admin: ${await outcome(orgAdmin, path)}`).toBe('org admin: ALLOWED');
    });
  }
});

describe('denials and bad input', () => {
  it("audits a refused mutation on another team's project, naming the team", async () => {
    const caller = await callerFor(outsider);
    await expect(
      caller.project.setArchived({ teamId: team.teamId, projectId: team.projectId, isArchived: true }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const denial = await t.db.auditEvent.findFirst({
      where: { action: 'project.setArchived', outcome: 'DENIED', actorLabel: outsider.email },
    });
    expect(denial).toMatchObject({ teamId: team.teamId, reason: 'Team not found' });
  });

  it('rejects oversized and malformed input with the field named, writing nothing', async () => {
    const caller = await callerFor(team.engineer);
    const before = await t.db.project.count();
    const error = await caller.project
      .create({ teamId: team.teamId, name: 'x'.repeat(101) })
      .catch((e: unknown) => e as TRPCError);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe('BAD_REQUEST');
    expect((error as TRPCError).message).toContain('Name must be at most 100 characters');
    await expect(
      caller.project.byId({ teamId: 'not-a-uuid', projectId: team.projectId }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    expect(await t.db.project.count()).toBe(before);
  });

  it('ends a disabled user’s access on their next request', async () => {
    const user = await makeUser(t.db, [{ teamId: team.teamId, role: 'ENGINEER' }]);
    const caller = await callerFor(user);
    await expect(caller.team.list()).resolves.toHaveLength(1);
    const admin = await callerFor(orgAdmin);
    await admin.user.setDisabled({ userId: user.id, isDisabled: true, reason: 'Access review' });
    const next = await callerFor(user);
    await expect(next.team.list()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});

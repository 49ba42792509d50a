import type { Actor, RequestMeta } from '@cairn/core/actor';
import type { Role } from '@cairn/core/roles';
import type { PrismaClient } from '@cairn/db/client';
import type { ServiceContext } from '../context';

let counter = 0;
const unique = () =>
  `${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

export const testRequest: RequestMeta = {
  ip: '198.51.100.1',
  userAgent: 'vitest',
  requestId: 'test-request',
};

export interface TestUser {
  id: string;
  email: string;
  actor: Actor;
}

/** A user of its own with the given team roles; nothing shared with other tests. */
export async function makeUser(
  db: PrismaClient,
  roles: Array<{ teamId: string; role: Role }> = [],
  options: { isOrgAdmin?: boolean; passwordHash?: string } = {},
): Promise<TestUser> {
  const email = `user-${unique()}@test.example`;
  const user = await db.user.create({
    data: {
      email,
      name: email.split('@')[0]!,
      isOrgAdmin: options.isOrgAdmin ?? false,
      passwordHash: options.passwordHash,
    },
  });
  for (const { teamId, role } of roles)
    await db.membership.create({ data: { teamId, userId: user.id, role } });
  return {
    id: user.id,
    email,
    actor: { kind: 'user', userId: user.id, email, isOrgAdmin: user.isOrgAdmin, memberships: roles },
  };
}

export interface TestTeam {
  teamId: string;
  projectId: string;
  viewer: TestUser;
  engineer: TestUser;
  approver: TestUser;
  admin: TestUser;
}

/** A team with one member per role and one project. */
export async function makeTeam(db: PrismaClient): Promise<TestTeam> {
  const suffix = unique();
  const team = await db.team.create({ data: { name: `Team ${suffix}`, slug: `team-${suffix}` } });
  const project = await db.project.create({
    data: { teamId: team.id, name: `Project ${suffix}`, slug: `project-${suffix}` },
  });
  await db.environment.createMany({
    data: (['DEV', 'STAGING', 'PROD'] as const).map((name) => ({
      teamId: team.id,
      projectId: project.id,
      name,
      region: team.awsRegion,
      requiresStagingFirst: name === 'PROD',
    })),
  });
  const member = (role: Role) => makeUser(db, [{ teamId: team.id, role }]);
  return {
    teamId: team.id,
    projectId: project.id,
    viewer: await member('VIEWER'),
    engineer: await member('ENGINEER'),
    approver: await member('APPROVER'),
    admin: await member('ADMIN'),
  };
}

export function contextFor(db: PrismaClient, user: TestUser): ServiceContext {
  return { db, actor: user.actor, request: testRequest };
}

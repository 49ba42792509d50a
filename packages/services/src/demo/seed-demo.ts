import type { Actor } from '@cairn/core/actor';
import type { Role } from '@cairn/core/roles';
import type { PrismaClient } from '@cairn/db/client';
import { createApiToken } from '../api-tokens/create-api-token';
import { recordAudit } from '../audit/record-audit';
import { hashPassword } from '../auth/password';
import { signInWithPassword } from '../auth/sign-in-with-password';
import { systemRequest } from '../context';
import type { JobQueue } from '../jobs/job-queue';
import { addMember } from '../members/add-member';
import { createProject } from '../projects/create-project';
import { seedDemoCosts } from './seed-demo-costs';
import type { DemoDeploymentPlan } from './seed-demo-deployment';
import { seedDemoReleases } from './seed-demo-releases';
import { seedDemoTracking } from './seed-demo-tracking';

export const DEMO_PASSWORD = 'cairn-demo';

export const DEMO_USERS = [
  { email: 'admin@example.com', name: 'Ada Admin', isOrgAdmin: true },
  { email: 'approver@example.com', name: 'Arjun Approver', isOrgAdmin: false },
  { email: 'approver2@example.com', name: 'Bea Approver', isOrgAdmin: false },
  { email: 'engineer@example.com', name: 'Elena Engineer', isOrgAdmin: false },
  { email: 'viewer@example.com', name: 'Victor Viewer', isOrgAdmin: false },
  { email: 'other@example.com', name: 'Olga Other', isOrgAdmin: false },
] as const;

const TEAMS = [
  {
    name: 'Fraud Detection',
    slug: 'fraud-detection',
    iamRoleArn: 'arn:aws:iam::111122223333:role/cairn-fraud-detection',
    members: [
      ['admin@example.com', 'ADMIN'],
      ['approver@example.com', 'APPROVER'],
      ['approver2@example.com', 'APPROVER'],
      ['engineer@example.com', 'ENGINEER'],
      ['viewer@example.com', 'VIEWER'],
    ],
    projects: [
      ['Card Fraud Scoring', 'Real-time scoring of card transactions at checkout.'],
      ['Chargeback Prediction', 'Predicts which disputed transactions will turn into chargebacks.'],
    ],
  },
  {
    name: 'Recommendations',
    slug: 'recommendations',
    iamRoleArn: 'arn:aws:iam::444455556666:role/cairn-recommendations',
    members: [['other@example.com', 'ENGINEER']],
    projects: [['Homepage Ranking', 'Ranks homepage modules for each visitor.']],
  },
] as const satisfies ReadonlyArray<{
  members: ReadonlyArray<readonly [string, Role]>;
  projects: ReadonlyArray<readonly [string, string]>;
  [key: string]: unknown;
}>;

export interface DemoSeed {
  apiTokenSecret: string;
  teamIds: Record<string, string>;
  projectIds: Record<string, string>;
  /**
   * What the launcher deploys to staging once the worker has registered the approved version in
   * SageMaker (null without a job queue): see seedDemoDeployment.
   */
  liveDeployment: DemoDeploymentPlan | null;
}

/**
 * Seeds the demo through the same services the portal uses, so its audit history is real. Run it
 * on an empty database only (the launcher checks).
 */
export async function seedDemo(db: PrismaClient, options: { queue?: JobQueue } = {}): Promise<DemoSeed> {
  const system: Actor = { kind: 'system', label: 'demo seed' };
  const request = systemRequest('cairn demo seed');
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const users = new Map<string, { id: string; isOrgAdmin: boolean }>();
  for (const demoUser of DEMO_USERS) {
    const user = await db.$transaction(async (tx) => {
      const created = await tx.user.create({ data: { ...demoUser, passwordHash } });
      await recordAudit(
        tx,
        { db, actor: system, request },
        {
          action: 'user.create',
          resourceType: 'User',
          resourceId: created.id,
          after: { email: created.email, name: created.name, isOrgAdmin: created.isOrgAdmin },
        },
      );
      return created;
    });
    users.set(demoUser.email, user);
  }
  const admin = users.get('admin@example.com')!;
  const adminActor: Actor = {
    kind: 'user',
    userId: admin.id,
    email: 'admin@example.com',
    isOrgAdmin: true,
    memberships: [],
  };
  const teamIds: Record<string, string> = {};
  const projectIds: Record<string, string> = {};
  for (const spec of TEAMS) {
    const team = await db.$transaction(async (tx) => {
      const created = await tx.team.create({
        data: { name: spec.name, slug: spec.slug, iamRoleArn: spec.iamRoleArn },
      });
      await recordAudit(
        tx,
        { db, actor: adminActor, request },
        {
          action: 'team.create',
          resourceType: 'Team',
          resourceId: created.id,
          teamId: created.id,
          after: { name: created.name, iamRoleArn: created.iamRoleArn },
        },
      );
      return created;
    });
    teamIds[spec.name] = team.id;
    const ctx = { db, actor: adminActor, request };
    for (const [email, role] of spec.members) await addMember(ctx, { teamId: team.id, email, role });
    for (const [name, description] of spec.projects) {
      const project = await createProject(ctx, { teamId: team.id, name, description });
      projectIds[name] = project.id;
    }
    if (spec.name === 'Fraud Detection') {
      // Logged by the engineer, as a training script would. Seeded before the next team so the
      // newest page of the audit trail still opens on team, member and project events.
      const engineer = users.get('engineer@example.com')!;
      await seedDemoTracking(
        {
          db,
          actor: {
            kind: 'user',
            userId: engineer.id,
            email: 'engineer@example.com',
            isOrgAdmin: false,
            memberships: [{ teamId: team.id, role: 'ENGINEER' }],
          },
          request,
        },
        { teamId: team.id, projectIds, userName: 'elena' },
      );
    }
  }
  const engineer = users.get('engineer@example.com')!;
  const engineerActor: Actor = {
    kind: 'user',
    userId: engineer.id,
    email: 'engineer@example.com',
    isOrgAdmin: false,
    memberships: [{ teamId: teamIds['Fraud Detection']!, role: 'ENGINEER' }],
  };
  const token = await createApiToken(
    { db, actor: engineerActor, request },
    {
      teamId: teamIds['Fraud Detection']!,
      projectId: projectIds['Card Fraud Scoring']!,
      name: 'Training pipeline',
      expiresInDays: 365,
    },
  );
  // The release story needs the job queue: registering and approving enqueue AWS work.
  let liveDeployment: DemoDeploymentPlan | null = null;
  let approvedVersionId: string | null = null;
  if (options.queue) {
    const fraudTeamId = teamIds['Fraud Detection']!;
    const member = (email: string, role: Role): Actor => ({
      kind: 'user',
      userId: users.get(email)!.id,
      email,
      isOrgAdmin: false,
      memberships: [{ teamId: fraudTeamId, role }],
    });
    const releases = await seedDemoReleases(db, {
      teamId: fraudTeamId,
      projectId: projectIds['Card Fraud Scoring']!,
      queue: options.queue,
      people: {
        admin: adminActor,
        engineer: engineerActor,
        approvers: [member('approver@example.com', 'APPROVER'), member('approver2@example.com', 'APPROVER')],
      },
    });
    approvedVersionId = releases?.approvedVersionId ?? null;
    if (releases) {
      liveDeployment = {
        teamId: fraudTeamId,
        projectId: projectIds['Card Fraud Scoring']!,
        modelVersionId: releases.approvedVersionId,
        engineer: engineerActor,
      };
    }
  }
  await seedDemoCosts(db, {
    teamIds,
    projectIds,
    admin: adminActor,
    engineer: engineerActor,
    modelVersionId: approvedVersionId,
    queue: options.queue,
  });
  // A little history: one mistyped password and a successful sign-in.
  const signInRequest = {
    ip: '203.0.113.7',
    userAgent: 'Mozilla/5.0 (demo)',
    requestId: crypto.randomUUID(),
  };
  await signInWithPassword(
    { db, actor: system, request: signInRequest },
    { email: 'engineer@example.com', password: 'cairn-dem0' },
  ).catch(() => undefined);
  await signInWithPassword(
    { db, actor: system, request: signInRequest },
    { email: 'engineer@example.com', password: DEMO_PASSWORD },
  );
  return { apiTokenSecret: token.secret, teamIds, projectIds, liveDeployment };
}

export async function isDatabaseEmpty(db: PrismaClient): Promise<boolean> {
  return (await db.user.count()) === 0;
}

import { createHash, scryptSync } from 'node:crypto';
import { slugify } from '@cairn/core/slug';
import { hashTokenSecret, parseTokenSecret } from '@cairn/services/api-tokens/token-secret';
import { DEMO_PASSWORD, DEMO_USERS } from '@cairn/services/demo/seed-demo';
import type pg from 'pg';
import { insertRows } from './insert-rows';
import { experimentIndex, type ScaleSpec, scaleId, teamName, teamOfProject } from './layout';

/** The demo people's roles in the teams they belong to: all of them in the first five teams, Olga in the sixth. */
const DEMO_ROLES: Record<string, { teams: number[]; role: string }> = {
  'admin@example.com': { teams: [0, 1, 2, 3, 4], role: 'ADMIN' },
  'approver@example.com': { teams: [0, 1, 2, 3, 4], role: 'APPROVER' },
  'approver2@example.com': { teams: [0, 1, 2, 3, 4], role: 'APPROVER' },
  'engineer@example.com': { teams: [0, 1, 2, 3, 4], role: 'ENGINEER' },
  'viewer@example.com': { teams: [0, 1, 2, 3, 4], role: 'VIEWER' },
  'other@example.com': { teams: [5], role: 'ENGINEER' },
};
const MEMBER_ROLES = ['VIEWER', 'ENGINEER', 'ENGINEER', 'APPROVER', 'ADMIN'];
/** Fixed instants keep the rows the same from one seeding to the next. */
const CREATED_AT = '2025-12-01T00:00:00Z';
const TOKEN_EXPIRES_AT = '2036-01-01T00:00:00Z';

export interface Organisation {
  teamIds: string[];
  projectIds: string[];
  experimentIds: string[];
  engineerId: string;
  /** The engineer's token for the first project, as the MLflow API expects it. */
  apiTokenSecret: string;
}

const hex = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The services' `scrypt$<salt>$<key>` password hash with a salt drawn from the seed, so the
 * demo password signs in and the row is the same on every seeding.
 */
function seededPasswordHash(seed: number, password: string): string {
  const salt = Buffer.from(hex(`cairn-bench:${seed}:salt`).slice(0, 32), 'hex');
  const key = scryptSync(password, salt, 32, { N: 16_384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
  return `scrypt$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/**
 * The engineer's API token for the first project, drawn from the seed (a bench database's
 * credential, known to the load bench): `cairn_<8 of [0-9a-z]>_<32 of [0-9A-Za-z]>`, whose
 * alphabets hex digits fit.
 */
export const scaleApiTokenSecret = (seed: number) =>
  `cairn_${hex(`cairn-bench:${seed}:token-prefix`).slice(0, 8)}_${hex(`cairn-bench:${seed}:token-secret`).slice(0, 32)}`;

/**
 * Teams, projects (three environments each), experiments, the demo people (who sign in with the
 * demo password) and bench members, memberships, and one API token for the engineer.
 */
export async function seedOrganisation(client: pg.Client, spec: ScaleSpec): Promise<Organisation> {
  const { seed } = spec;
  const teamIds = Array.from({ length: spec.teams }, (_, t) => scaleId(seed, 'team', t));
  const projectIds = Array.from({ length: spec.projects }, (_, p) => scaleId(seed, 'project', p));
  const passwordHash = seededPasswordHash(seed, DEMO_PASSWORD);
  const demoUsers = DEMO_USERS.map((user) => ({ ...user, id: scaleId(seed, 'user', user.email) }));
  const members = Array.from({ length: spec.teams * spec.membersPerTeam }, (_, i) => ({
    id: scaleId(seed, 'user', i),
    email: `member-${i}@bench.example.com`,
    name: `Bench Member ${i}`,
    team: i % spec.teams,
    role: MEMBER_ROLES[i % MEMBER_ROLES.length] as string,
  }));
  const engineerId = scaleId(seed, 'user', 'engineer@example.com');

  await insertRows(
    client,
    'User',
    [
      ['id', 'uuid'],
      ['email', 'text'],
      ['name', 'text'],
      ['passwordHash', 'text'],
      ['isOrgAdmin', 'boolean'],
      ['createdAt', 'timestamptz'],
    ],
    [
      ...demoUsers.map((user) => [user.id, user.email, user.name, passwordHash, user.isOrgAdmin, CREATED_AT]),
      ...members.map((member) => [member.id, member.email, member.name, null, false, CREATED_AT]),
    ],
  );
  await insertRows(
    client,
    'Team',
    [
      ['id', 'uuid'],
      ['name', 'text'],
      ['slug', 'text'],
      ['iamRoleArn', 'text'],
      ['createdAt', 'timestamptz'],
    ],
    teamIds.map((id, t) => [
      id,
      teamName(t),
      slugify(teamName(t)),
      `arn:aws:iam::${String(100_000_000_000 + t).padStart(12, '0')}:role/cairn-${slugify(teamName(t))}`,
      CREATED_AT,
    ]),
  );
  const memberships: unknown[][] = [];
  for (const user of demoUsers) {
    const { teams, role } = DEMO_ROLES[user.email] ?? { teams: [], role: 'VIEWER' };
    for (const t of teams.filter((team) => team < spec.teams))
      memberships.push([scaleId(seed, 'membership', `${user.email}:${t}`), teamIds[t], user.id, role]);
  }
  for (const member of members)
    memberships.push([
      scaleId(seed, 'membership', member.email),
      teamIds[member.team],
      member.id,
      member.role,
    ]);
  await insertRows(
    client,
    'Membership',
    [
      ['id', 'uuid'],
      ['teamId', 'uuid'],
      ['userId', 'uuid'],
      ['role', '"Role"'],
    ],
    memberships,
  );
  await insertRows(
    client,
    'Project',
    [
      ['id', 'uuid'],
      ['teamId', 'uuid'],
      ['name', 'text'],
      ['slug', 'text'],
      ['description', 'text'],
      ['createdById', 'uuid'],
      ['createdAt', 'timestamptz'],
    ],
    projectIds.map((id, p) => {
      const team = teamName(teamOfProject(spec, p));
      return [
        id,
        teamIds[teamOfProject(spec, p)],
        `${team} model ${p}`,
        `project-${p}`,
        `Scale seed project ${p} of ${team}.`,
        engineerId,
        CREATED_AT,
      ];
    }),
  );
  await insertRows(
    client,
    'Environment',
    [
      ['id', 'uuid'],
      ['teamId', 'uuid'],
      ['projectId', 'uuid'],
      ['name', '"ReleaseEnvironment"'],
      ['region', 'text'],
      ['requiresStagingFirst', 'boolean'],
    ],
    projectIds.flatMap((id, p) =>
      (['DEV', 'STAGING', 'PROD'] as const).map((name) => [
        scaleId(seed, `environment:${name}`, p),
        teamIds[teamOfProject(spec, p)],
        id,
        name,
        'us-east-1',
        name === 'PROD',
      ]),
    ),
  );
  const experimentIds: string[] = [];
  const experiments: unknown[][] = [];
  for (const [p, projectId] of projectIds.entries())
    for (let e = 0; e < spec.experimentsPerProject; e++) {
      const id = scaleId(seed, 'experiment', experimentIndex(spec, p, e));
      experimentIds.push(id);
      experiments.push([
        id,
        teamIds[teamOfProject(spec, p)],
        projectId,
        `experiment-${e}`,
        `mlflow-artifacts:/bench/${p}/${e}`,
        engineerId,
        CREATED_AT,
      ]);
    }
  await insertRows(
    client,
    'Experiment',
    [
      ['id', 'uuid'],
      ['teamId', 'uuid'],
      ['projectId', 'uuid'],
      ['name', 'text'],
      ['artifactLocation', 'text'],
      ['createdById', 'uuid'],
      ['createdAt', 'timestamptz'],
    ],
    experiments,
  );
  const apiTokenSecret = scaleApiTokenSecret(seed);
  const prefix = parseTokenSecret(apiTokenSecret)?.prefix;
  await insertRows(
    client,
    'ApiToken',
    [
      ['id', 'uuid'],
      ['teamId', 'uuid'],
      ['projectId', 'uuid'],
      ['name', 'text'],
      ['prefix', 'text'],
      ['secretHash', 'text'],
      ['createdById', 'uuid'],
      ['expiresAt', 'timestamptz'],
      ['createdAt', 'timestamptz'],
    ],
    [
      [
        scaleId(seed, 'api-token', 0),
        teamIds[0],
        projectIds[0],
        'Load bench ingest',
        prefix,
        hashTokenSecret(apiTokenSecret),
        engineerId,
        TOKEN_EXPIRES_AT,
        CREATED_AT,
      ],
    ],
  );
  return { teamIds, projectIds, experimentIds, engineerId, apiTokenSecret };
}

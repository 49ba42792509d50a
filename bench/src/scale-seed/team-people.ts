import { createHash } from 'node:crypto';
import { roleHasPermission } from '@cairn/core/permissions';
import type { Role } from '@cairn/core/roles';
import type pg from 'pg';

export interface TeamPerson {
  userId: string;
  email: string;
  role: Role;
}

/** Everyone of each team, by email, as the services see them (role from the membership). */
export async function readTeamPeople(client: pg.Client): Promise<Map<string, TeamPerson[]>> {
  const found = await client.query<TeamPerson & { teamId: string }>(
    `SELECT m."teamId", m."userId", u.email, m.role
       FROM "Membership" m JOIN "User" u ON u.id = m."userId"
      WHERE u."disabledAt" IS NULL
      ORDER BY m."teamId", u.email`,
  );
  const people = new Map<string, TeamPerson[]>();
  for (const { teamId, ...person } of found.rows) people.set(teamId, [...(people.get(teamId) ?? []), person]);
  return people;
}

/** The team's people who may request releases (engineers and up) and who may decide them (approvers and up). */
export const requesters = (people: readonly TeamPerson[]) =>
  people.filter((person) => roleHasPermission(person.role, 'release:request'));
export const deciders = (people: readonly TeamPerson[]) =>
  people.filter((person) => roleHasPermission(person.role, 'release:decide'));
/** Who an alert tells: the team's engineers, approvers and admins. */
export const alertRecipients = (people: readonly TeamPerson[]) =>
  people.filter((person) => person.role !== 'VIEWER');

/** A number in [0, 1) drawn from the seed and a key, the same on every seeding. */
export function scaleDraw(seed: number, key: string): number {
  return createHash('md5').update(`cairn-bench:${seed}:draw:${key}`).digest().readUInt32BE(0) / 2 ** 32;
}

/** One of `items`, drawn from the seed and a key. */
export const scalePick = <T>(seed: number, key: string, items: readonly T[]): T =>
  items[Math.floor(scaleDraw(seed, key) * items.length)] as T;

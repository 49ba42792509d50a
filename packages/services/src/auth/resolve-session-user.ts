import type { Actor } from '@cairn/core/actor';
import type { Role } from '@cairn/core/roles';
import type { PrismaClient } from '@cairn/db/client';

export interface SessionClaims {
  userId: string;
  /** When the user signed in (the session's absolute start). */
  issuedAt: Date;
}

interface SessionUserRow {
  id: string;
  email: string;
  name: string;
  isOrgAdmin: boolean;
  disabledAt: Date | null;
  sessionsValidFrom: Date;
  memberships: { teamId: string; role: Role; name: string; slug: string }[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const ABSOLUTE_SESSION_MS = 12 * 60 * 60 * 1000;

/**
 * Turns session claims into an actor, or null when the session no longer stands: the user is
 * gone or disabled, their sessions were revoked after it was issued, or it is over 12 hours old.
 */
export async function resolveSessionUser(db: PrismaClient, claims: SessionClaims | null, now = new Date()) {
  if (!claims) return null;
  if (now.getTime() - claims.issuedAt.getTime() > ABSOLUTE_SESSION_MS) return null;
  if (!UUID.test(claims.userId)) return null;
  // One statement for the user and their teams: this runs before every request.
  const [user] = await db.$queryRaw<SessionUserRow[]>`
    SELECT u.id, u.email, u.name, u."isOrgAdmin", u."disabledAt", u."sessionsValidFrom",
      coalesce(
        json_agg(json_build_object('teamId', m."teamId", 'role', m.role, 'name', t.name, 'slug', t.slug) ORDER BY m.id)
          FILTER (WHERE m.id IS NOT NULL),
        '[]'
      ) AS memberships
    FROM "User" u
    LEFT JOIN "Membership" m ON m."userId" = u.id
    LEFT JOIN "Team" t ON t.id = m."teamId"
    WHERE u.id = ${claims.userId}::uuid
    GROUP BY u.id`;
  if (!user || user.disabledAt) return null;
  // Claims carry whole seconds; compare at that precision.
  if (Math.floor(claims.issuedAt.getTime() / 1000) < Math.floor(user.sessionsValidFrom.getTime() / 1000))
    return null;
  const actor: Actor = {
    kind: 'user',
    userId: user.id,
    email: user.email,
    isOrgAdmin: user.isOrgAdmin,
    memberships: user.memberships.map((m) => ({ teamId: m.teamId, role: m.role })),
  };
  return {
    actor,
    user: { id: user.id, email: user.email, name: user.name, isOrgAdmin: user.isOrgAdmin },
    teams: user.memberships
      .map((m) => ({ id: m.teamId, name: m.name, slug: m.slug, role: m.role }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

export type SessionUser = NonNullable<Awaited<ReturnType<typeof resolveSessionUser>>>;

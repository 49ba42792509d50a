import type { Actor } from '@cairn/core/actor';
import type { PrismaClient } from '@cairn/db/client';

export interface SessionClaims {
  userId: string;
  /** When the user signed in (the session's absolute start). */
  issuedAt: Date;
}

export const ABSOLUTE_SESSION_MS = 12 * 60 * 60 * 1000;

/**
 * Turns session claims into an actor, or null when the session no longer stands: the user is
 * gone or disabled, their sessions were revoked after it was issued, or it is over 12 hours old.
 */
export async function resolveSessionUser(db: PrismaClient, claims: SessionClaims | null, now = new Date()) {
  if (!claims) return null;
  if (now.getTime() - claims.issuedAt.getTime() > ABSOLUTE_SESSION_MS) return null;
  const user = await db.user.findUnique({
    where: { id: claims.userId },
    include: { memberships: { include: { team: { select: { id: true, name: true, slug: true } } } } },
  });
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
      .map((m) => ({ id: m.team.id, name: m.team.name, slug: m.team.slug, role: m.role }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

export type SessionUser = NonNullable<Awaited<ReturnType<typeof resolveSessionUser>>>;

import type { Actor, RequestMeta } from '@cairn/core/actor';
import type { PrismaClient } from '@cairn/db/client';
import {
  resolveSessionUser,
  type SessionClaims,
  type SessionUser,
} from '@cairn/services/auth/resolve-session-user';

export interface ApiContext {
  db: PrismaClient;
  request: RequestMeta;
  /** The signed-in user, re-read from the database on every request; null when signed out. */
  session: SessionUser | null;
  actor: Actor;
}

export async function createContext(options: {
  db: PrismaClient;
  session: SessionClaims | null;
  request: RequestMeta;
}): Promise<ApiContext> {
  const session = await resolveSessionUser(options.db, options.session);
  return {
    db: options.db,
    request: options.request,
    session,
    actor: session?.actor ?? { kind: 'anonymous', label: 'anonymous' },
  };
}

import { resolveSessionUser, type SessionUser } from '@cairn/services/auth/resolve-session-user';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { db } from './db';
import { requestMetaFromHeaders } from './request-meta';
import { decodeSession, readSessionToken } from './session-cookie';

export interface ApiSession {
  userId: string;
  issuedAt: Date;
}

/** The session claims of the current request, or null when signed out or expired. */
export const getApiSession = cache(async (): Promise<ApiSession | null> => {
  const decoded = await decodeSession(readSessionToken(await cookies()));
  if (!decoded || decoded.state.kind === 'expired') return null;
  return { userId: decoded.claims.userId, issuedAt: new Date(decoded.claims.authTime * 1000) };
});

/**
 * The signed-in user with their teams, re-read from the database on every request so that a
 * disabled user or a revoked session is refused at once.
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  return resolveSessionUser(db, await getApiSession());
});

/** For pages behind sign-in: the user, or a redirect to the sign-in page. */
export async function requireSessionUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect('/signin?reason=signed-out');
  return user;
}

export const getRequestMeta = cache(async () => requestMetaFromHeaders(await headers()));

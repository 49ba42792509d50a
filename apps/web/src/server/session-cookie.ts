import type { NextResponse } from 'next/server';
import { decode, encode, type JWT } from 'next-auth/jwt';
import { env } from '~/env';
import {
  evaluateSession,
  IDLE_TIMEOUT_SECONDS,
  nowSeconds,
  renewedMaxAgeSeconds,
  type SessionClaims,
  type SessionState,
  sessionClaimsSchema,
} from './session-policy';

/** next-auth's cookie name; the __Secure- prefix makes browsers refuse it over plain http. */
export const SESSION_COOKIE_NAME = `${env.useSecureCookies ? '__Secure-' : ''}next-auth.session-token`;

export interface CookieReader {
  get(name: string): { value: string } | undefined;
}

/** next-auth splits a large token into `name.0`, `name.1`, ...; ours is small but be faithful. */
export function readSessionToken(cookies: CookieReader): string | null {
  const whole = cookies.get(SESSION_COOKIE_NAME)?.value;
  if (whole) return whole;
  const chunks: string[] = [];
  for (let i = 0; ; i++) {
    const chunk = cookies.get(`${SESSION_COOKIE_NAME}.${i}`)?.value;
    if (!chunk) break;
    chunks.push(chunk);
  }
  return chunks.length > 0 ? chunks.join('') : null;
}

export interface DecodedSession {
  token: JWT;
  claims: SessionClaims;
  state: SessionState;
}

/** Decrypts and checks the session cookie; null when absent, forged, or not a Cairn session. */
export async function decodeSession(
  rawToken: string | null,
  now = nowSeconds(),
): Promise<DecodedSession | null> {
  if (!rawToken) return null;
  let token: JWT | null;
  try {
    token = await decode({ token: rawToken, secret: env.nextAuthSecret });
  } catch {
    return null;
  }
  const claims = sessionClaimsSchema.safeParse(token);
  if (!token || !claims.success) return null;
  return { token, claims: claims.data, state: evaluateSession(claims.data, now) };
}

/** Encodes a session JWT whose lifetime never reaches past the session's absolute end. */
export async function encodeSession(token: JWT, fallbackMaxAge: number): Promise<string> {
  const { iat: _iat, exp: _exp, jti: _jti, ...claims } = token;
  const authTime = typeof claims.authTime === 'number' ? claims.authTime : null;
  const maxAge = authTime === null ? fallbackMaxAge : renewedMaxAgeSeconds(authTime, nowSeconds());
  return encode({ token: claims, secret: env.nextAuthSecret, maxAge });
}

/**
 * Activity slides the 30-minute idle window: the cookie is re-issued (at most once a minute, never
 * past the 12-hour absolute end); an expired or forged session's cookie is cleared.
 */
export async function slideSessionCookie(
  response: NextResponse,
  session: DecodedSession | null,
  rawToken: string | null,
): Promise<void> {
  if (!session || session.state.kind === 'expired') {
    if (rawToken) response.cookies.delete(SESSION_COOKIE_NAME);
    return;
  }
  if (!session.state.shouldRenew) return;
  response.cookies.set(SESSION_COOKIE_NAME, await encodeSession(session.token, IDLE_TIMEOUT_SECONDS), {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: SESSION_COOKIE_NAME.startsWith('__Secure-'),
    maxAge: IDLE_TIMEOUT_SECONDS,
  });
}

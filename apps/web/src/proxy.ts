import { type NextRequest, NextResponse } from 'next/server';
import { env } from './env';
import { checkSameOrigin } from './server/same-origin';
import { newNonce, securityHeaders } from './server/security-headers';
import { decodeSession, encodeSession, readSessionToken, SESSION_COOKIE_NAME } from './server/session-cookie';
import { IDLE_TIMEOUT_SECONDS } from './server/session-policy';

const publicOrigin = new URL(env.nextAuthUrl).origin;
const formActionOrigins = env.oidc ? [new URL(env.oidc.issuer).origin] : [];

/** next-auth's own routes (with their own CSRF token) and the probes carry no Cairn session. */
const SESSIONLESS_PATH = /^\/(?:api\/auth(?:\/|$)|api\/health$|api\/ready$|favicon\.ico$|icon\.svg$)/;

/**
 * Runs before every request but static assets: refuses cookie-authenticated state changes from
 * other origins (CSRF), gives each response the security headers with a fresh CSP nonce, and
 * handles the session (below).
 */
export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const nonce = newNonce();
  const headers = securityHeaders({
    nonce,
    isDevelopment: !env.isProductionBuild,
    hstsMaxAgeSeconds: env.hstsMaxAgeSeconds,
    formActionOrigins,
  });
  const sameOrigin = pathname.startsWith('/api/auth/')
    ? { isAllowed: true as const }
    : checkSameOrigin({
        method: request.method,
        path: pathname,
        headers: request.headers,
        allowedOrigins: [publicOrigin, request.nextUrl.origin],
      });
  const response = sameOrigin.isAllowed
    ? await handleSession(request, nonce, headers['content-security-policy'])
    : NextResponse.json(
        { error: { code: 'FORBIDDEN', message: 'Cross-site request refused' } },
        { status: 403 },
      );
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

/**
 * Activity slides the 30-minute idle window by re-issuing the session cookie (at most once a
 * minute, never past the 12-hour absolute end); an expired or forged session is cleared, and pages
 * send a signed-out visitor to /signin. Whether the user is still enabled is checked against the
 * database by the page or API itself.
 */
async function handleSession(request: NextRequest, nonce: string, csp: string) {
  const { pathname, search } = request.nextUrl;
  // Next reads the policy from the request to put the nonce on its scripts; the layout reads x-nonce.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('content-security-policy', csp);
  const next = () => NextResponse.next({ request: { headers: requestHeaders } });
  if (SESSIONLESS_PATH.test(pathname)) return next();
  const isApi = pathname.startsWith('/api/');
  const isSignInPage = pathname === '/signin';
  const rawToken = readSessionToken(request.cookies);
  const session = await decodeSession(rawToken);

  if (!session || session.state.kind === 'expired') {
    if (isApi || isSignInPage) return clearCookieIfPresent(next(), rawToken);
    const signIn = new URL('/signin', request.url);
    if (rawToken) signIn.searchParams.set('reason', 'expired');
    if (pathname !== '/') signIn.searchParams.set('callbackUrl', `${pathname}${search}`);
    return clearCookieIfPresent(NextResponse.redirect(signIn), rawToken);
  }

  const response = next();
  if (session.state.shouldRenew) {
    const renewed = await encodeSession(session.token, IDLE_TIMEOUT_SECONDS);
    response.cookies.set(SESSION_COOKIE_NAME, renewed, {
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      secure: SESSION_COOKIE_NAME.startsWith('__Secure-'),
      maxAge: IDLE_TIMEOUT_SECONDS,
    });
  }
  return response;
}

function clearCookieIfPresent(response: NextResponse, rawToken: string | null) {
  if (rawToken) response.cookies.delete(SESSION_COOKIE_NAME);
  return response;
}

export const config = {
  // Everything but the build's static assets (next.config gives those their headers).
  matcher: ['/((?!_next/static|_next/image).*)'],
};

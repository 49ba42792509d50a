import { type NextRequest, NextResponse } from 'next/server';
import { crossSiteRefusal } from './server/api-request-guard';
import { portalOrigins, portalSecurityHeaders } from './server/portal-security-headers';
import { checkSameOrigin } from './server/same-origin';
import { newNonce } from './server/security-headers';
import { decodeSession, readSessionToken, slideSessionCookie } from './server/session-cookie';

/** next-auth's own routes (with their own CSRF token) and the probes carry no Cairn session. */
const SESSIONLESS_PATH = /^\/(?:api\/auth(?:\/|$)|api\/health$|api\/ready$|favicon\.ico$|icon\.svg$)/;

/**
 * Runs before every request but static assets and the tRPC endpoint (whose handler does the same
 * itself: api-request-guard): refuses cookie-authenticated state changes from other origins
 * (CSRF), gives each response the security headers with a fresh CSP nonce, and handles the
 * session (below).
 */
export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const nonce = newNonce();
  const headers = portalSecurityHeaders(nonce);
  const sameOrigin = pathname.startsWith('/api/auth/')
    ? { isAllowed: true as const }
    : checkSameOrigin({
        method: request.method,
        path: pathname,
        headers: request.headers,
        allowedOrigins: portalOrigins(request.nextUrl.origin),
      });
  const response = sameOrigin.isAllowed
    ? await handleSession(request, nonce, headers['content-security-policy'])
    : crossSiteRefusal();
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

/**
 * Activity slides the session (slideSessionCookie); pages send a signed-out visitor to /signin.
 * Whether the user is still enabled is checked against the database by the page or API itself.
 */
async function handleSession(request: NextRequest, nonce: string, csp: string) {
  const { pathname } = request.nextUrl;
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
  const isSignedOut = !session || session.state.kind === 'expired';
  const response =
    isSignedOut && !isApi && !isSignInPage ? signInRedirect(request, rawToken !== null) : next();
  await slideSessionCookie(response, session, rawToken);
  return response;
}

function signInRedirect(request: NextRequest, hadSession: boolean) {
  const { pathname, search } = request.nextUrl;
  const signIn = new URL('/signin', request.url);
  if (hadSession) signIn.searchParams.set('reason', 'expired');
  if (pathname !== '/') signIn.searchParams.set('callbackUrl', `${pathname}${search}`);
  return NextResponse.redirect(signIn);
}

export const config = {
  // Everything but the build's static assets (next.config gives those their headers) and tRPC.
  matcher: ['/((?!_next/static|_next/image|api/trpc/).*)'],
};

import { type NextRequest, NextResponse } from 'next/server';
import { decodeSession, encodeSession, readSessionToken, SESSION_COOKIE_NAME } from './server/session-cookie';
import { IDLE_TIMEOUT_SECONDS } from './server/session-policy';

/**
 * Runs before every page and API request. Activity slides the 30-minute idle window by
 * re-issuing the session cookie (at most once a minute, never past the 12-hour absolute end);
 * an expired or forged session is cleared, and pages send a signed-out visitor to /signin.
 * Whether the user is still enabled is checked against the database by the page or API itself.
 */
export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const isApi = pathname.startsWith('/api/');
  const isSignInPage = pathname === '/signin';
  const rawToken = readSessionToken(request.cookies);
  const session = await decodeSession(rawToken);

  if (!session || session.state.kind === 'expired') {
    if (isApi || isSignInPage) return clearCookieIfPresent(NextResponse.next(), rawToken);
    const signIn = new URL('/signin', request.url);
    if (rawToken) signIn.searchParams.set('reason', 'expired');
    if (pathname !== '/') signIn.searchParams.set('callbackUrl', `${pathname}${search}`);
    return clearCookieIfPresent(NextResponse.redirect(signIn), rawToken);
  }

  const response = NextResponse.next();
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
  // Everything but next-auth's own routes, the health probe and static assets.
  matcher: ['/((?!api/auth|api/health|_next/static|_next/image|favicon.ico|icon.svg).*)'],
};

import { type NextRequest, NextResponse } from 'next/server';
import { portalOrigins, portalSecurityHeaders } from './portal-security-headers';
import { checkSameOrigin } from './same-origin';
import { newNonce } from './security-headers';
import type { ApiSession } from './session';
import { decodeSession, readSessionToken, slideSessionCookie } from './session-cookie';

/**
 * What the proxy does for every other request, done by the tRPC endpoint itself so that each call
 * decodes its session once and skips the proxy's extra pass through Next: a cookie-authenticated
 * mutation from another origin is refused (CSRF), the session slides with the activity (or its
 * cookie is cleared once expired), and the response carries the security headers. `handle`
 * serves the request for the session, null when signed out.
 */
export async function guardApiRequest(
  request: NextRequest,
  handle: (session: ApiSession | null) => Promise<Response>,
): Promise<Response> {
  const sameOrigin = checkSameOrigin({
    method: request.method,
    path: request.nextUrl.pathname,
    headers: request.headers,
    allowedOrigins: portalOrigins(request.nextUrl.origin),
  });
  if (!sameOrigin.isAllowed) return withSecurityHeaders(crossSiteRefusal());
  const rawToken = readSessionToken(request.cookies);
  const decoded = await decodeSession(rawToken);
  const session =
    decoded && decoded.state.kind !== 'expired'
      ? { userId: decoded.claims.userId, issuedAt: new Date(decoded.claims.authTime * 1000) }
      : null;
  const handled = await handle(session);
  const response = new NextResponse(handled.body, handled);
  await slideSessionCookie(response, decoded, rawToken);
  return withSecurityHeaders(response);
}

/** The answer to a cookie-authenticated state change another site made a browser send. */
export function crossSiteRefusal(): NextResponse {
  return NextResponse.json(
    { error: { code: 'FORBIDDEN', message: 'Cross-site request refused' } },
    { status: 403 },
  );
}

function withSecurityHeaders(response: NextResponse): NextResponse {
  for (const [name, value] of Object.entries(portalSecurityHeaders(newNonce())))
    response.headers.set(name, value);
  return response;
}

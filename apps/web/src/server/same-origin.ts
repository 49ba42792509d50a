const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Paths whose callers authenticate with a bearer token, which a browser never sends on its own. */
const TOKEN_AUTHENTICATED_PATH = /^\/(?:api|ajax-api)\/2\.0\//;

export interface SameOriginInput {
  method: string;
  path: string;
  headers: Headers;
  /** The origins this portal is served at: the configured public URL and the one the request came to. */
  allowedOrigins: readonly string[];
}

export type SameOriginVerdict = { isAllowed: true } | { isAllowed: false; reason: string };

/**
 * CSRF defence for cookie-authenticated state changes: a browser names where a request came from
 * (Sec-Fetch-Site, Origin, or at least Referer), and only this portal's own pages may change
 * state. A request with none of them is not from a browser page, so it carries no ambient
 * cookie of a victim. The MLflow API is exempt: it is authenticated by bearer token only.
 */
export function checkSameOrigin({
  method,
  path,
  headers,
  allowedOrigins,
}: SameOriginInput): SameOriginVerdict {
  if (SAFE_METHODS.has(method.toUpperCase()) || TOKEN_AUTHENTICATED_PATH.test(path))
    return { isAllowed: true };
  // Browsers that send Sec-Fetch-Site say it outright; `none` is a request the user started.
  const fetchSite = headers.get('sec-fetch-site');
  if (fetchSite === 'same-origin' || fetchSite === 'none') return { isAllowed: true };
  if (fetchSite)
    return { isAllowed: false, reason: `cross-site request (Sec-Fetch-Site: ${fetchSite.slice(0, 40)})` };
  const origin = headers.get('origin') ?? refererOrigin(headers.get('referer'));
  if (origin === null) return { isAllowed: true };
  const normalized = allowedOrigins.map(normalizeOrigin);
  if (normalized.includes(normalizeOrigin(origin))) return { isAllowed: true };
  return { isAllowed: false, reason: `request from another origin (${origin.slice(0, 200)})` };
}

function refererOrigin(referer: string | null): string | null {
  if (!referer) return null;
  try {
    return new URL(referer).origin;
  } catch {
    return 'invalid referer';
  }
}

function normalizeOrigin(origin: string): string {
  try {
    return new URL(origin).origin;
  } catch {
    // `null` (sandboxed frames, file:) and garbage never equal a real origin.
    return `unparsable:${origin}`;
  }
}

export interface SecurityHeaderOptions {
  /** Fresh per request; Next puts it on its own inline and chunk scripts. */
  nonce: string;
  /** `next dev` needs eval for React's debugging and a websocket for hot reload. */
  isDevelopment: boolean;
  /** Strict-Transport-Security max-age; null sends none (http, or not a production build). */
  hstsMaxAgeSeconds: number | null;
  /** Origins sign-in forms may post to or redirect through besides this one (the OIDC issuer). */
  formActionOrigins: readonly string[];
}

/**
 * The Content-Security-Policy of every page. Scripts run only with this request's nonce (and what
 * those scripts load); styles allow inline because Mantine and the charts set style attributes and
 * inject CSS variables at runtime. Nothing may frame the portal.
 */
export function contentSecurityPolicy(options: SecurityHeaderOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${options.nonce}' 'strict-dynamic'${options.isDevelopment ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${options.isDevelopment ? ' ws: wss:' : ''}`,
    "object-src 'none'",
    "base-uri 'self'",
    ['form-action', "'self'", ...options.formActionOrigins].join(' '),
    "frame-ancestors 'none'",
    ...(options.hstsMaxAgeSeconds !== null ? ['upgrade-insecure-requests'] : []),
  ];
  return directives.join('; ');
}

/** Headers every page and API response carries, CSP included. */
export function securityHeaders(
  options: SecurityHeaderOptions,
): { 'content-security-policy': string } & Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(options),
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
    'cross-origin-opener-policy': 'same-origin',
    ...(options.hstsMaxAgeSeconds !== null
      ? { 'strict-transport-security': `max-age=${options.hstsMaxAgeSeconds}; includeSubDomains` }
      : {}),
  };
}

/** 128 random bits, base64: unguessable and valid in a CSP nonce source. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

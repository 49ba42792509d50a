import { env } from '~/env';
import { securityHeaders } from './security-headers';

const formActionOrigins = env.oidc ? [new URL(env.oidc.issuer).origin] : [];
const publicOrigin = new URL(env.nextAuthUrl).origin;

/** The security headers of this deployment (its HSTS, its sign-in provider) with the given CSP nonce. */
export function portalSecurityHeaders(nonce: string) {
  return securityHeaders({
    nonce,
    isDevelopment: !env.isProductionBuild,
    hstsMaxAgeSeconds: env.hstsMaxAgeSeconds,
    formActionOrigins,
  });
}

/** The origins this portal answers at: the configured public URL and the one a request came to. */
export function portalOrigins(requestOrigin: string): string[] {
  return [publicOrigin, requestOrigin];
}

import { describe, expect, it } from 'vitest';
import { newNonce, securityHeaders } from './security-headers';

const base = { nonce: 'abc123', isDevelopment: false, hstsMaxAgeSeconds: null, formActionOrigins: [] };

function directives(csp: string): Map<string, string> {
  return new Map(
    csp.split('; ').map((directive) => {
      const [name = '', ...values] = directive.split(' ');
      return [name, values.join(' ')];
    }),
  );
}

describe('securityHeaders', () => {
  it('allows only scripts carrying the request nonce, and no framing', () => {
    const headers = securityHeaders(base);
    const csp = directives(headers['content-security-policy']);
    expect(csp.get('script-src')).toBe("'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp.get('frame-ancestors')).toBe("'none'");
    expect(csp.get('object-src')).toBe("'none'");
    expect(csp.get('default-src')).toBe("'self'");
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(headers['permissions-policy']).toContain('camera=()');
  });

  it('sends HSTS only when asked (production over https)', () => {
    expect(securityHeaders(base)['strict-transport-security']).toBeUndefined();
    const https = securityHeaders({ ...base, hstsMaxAgeSeconds: 31_536_000 });
    expect(https['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(directives(https['content-security-policy']).has('upgrade-insecure-requests')).toBe(true);
  });

  it('lets sign-in forms reach the identity provider, and nothing else', () => {
    const csp = securityHeaders({ ...base, formActionOrigins: ['https://login.example.com'] })[
      'content-security-policy'
    ];
    expect(directives(csp).get('form-action')).toBe("'self' https://login.example.com");
  });

  it("permits eval and the dev server's websocket only in development", () => {
    const production = directives(securityHeaders(base)['content-security-policy']);
    expect(production.get('script-src')).not.toContain('unsafe-eval');
    expect(production.get('connect-src')).toBe("'self'");
    const development = directives(
      securityHeaders({ ...base, isDevelopment: true })['content-security-policy'],
    );
    expect(development.get('script-src')).toContain("'unsafe-eval'");
  });
});

describe('newNonce', () => {
  it('is fresh every time and at least 128 bits', () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    expect(Buffer.from([...nonces][0]!, 'base64').length).toBe(16);
  });
});

import type { NextRequest as NextRequestType } from 'next/server';
import { encode } from 'next-auth/jwt';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { setWebTestEnv, TEST_SESSION_SECRET } from './testing/web-test-env';

let guardApiRequest: typeof import('./api-request-guard').guardApiRequest;
let NextRequest: typeof NextRequestType;

beforeAll(async () => {
  setWebTestEnv();
  ({ guardApiRequest } = await import('./api-request-guard'));
  ({ NextRequest } = await import('next/server'));
});
afterEach(() => {
  vi.useRealTimers();
});

const nowSeconds = () => Math.floor(Date.now() / 1000);

function apiRequest(init: { method?: string; headers?: Record<string, string> } = {}) {
  return new NextRequest('http://localhost:3000/api/trpc/project.create', init);
}

async function sessionCookie(userId: string) {
  const token = await encode({
    token: { userId, authTime: nowSeconds() },
    secret: TEST_SESSION_SECRET,
    maxAge: 1800,
  });
  return `next-auth.session-token=${token}`;
}

describe('the tRPC endpoint guard', () => {
  it('refuses a mutation another site makes a signed-in browser send, before any procedure runs', async () => {
    const handle = vi.fn();
    const response = await guardApiRequest(
      apiRequest({
        method: 'POST',
        headers: {
          origin: 'https://evil.example',
          'sec-fetch-site': 'cross-site',
          cookie: await sessionCookie('u1'),
        },
      }),
      handle,
    );
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      error: { code: 'FORBIDDEN', message: 'Cross-site request refused' },
    });
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(handle).not.toHaveBeenCalled();
  });

  it("serves the portal's own calls for the session's user, with the security headers", async () => {
    const handle = vi.fn(async () => Response.json({ ok: true }));
    const response = await guardApiRequest(
      apiRequest({
        method: 'POST',
        headers: {
          origin: 'http://localhost:3000',
          'sec-fetch-site': 'same-origin',
          cookie: await sessionCookie('u1'),
        },
      }),
      handle,
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    expect(handle).toHaveBeenCalledWith({ userId: 'u1', issuedAt: expect.any(Date) });
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    // Issued this minute: nothing to renew.
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('slides the session with the activity: a cookie over a minute old is issued again', async () => {
    const cookie = await sessionCookie('u1');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 2 * 60_000);
    const handle = vi.fn(async () => Response.json({}));
    const response = await guardApiRequest(apiRequest({ headers: { cookie } }), handle);
    expect(handle).toHaveBeenCalledWith(expect.objectContaining({ userId: 'u1' }));
    expect(response.headers.get('set-cookie')).toMatch(/^next-auth\.session-token=.+; Path=\/; .*HttpOnly/i);
  });

  it('treats an idle-expired or forged cookie as signed out and clears it', async () => {
    const expired = await sessionCookie('u1');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 31 * 60_000);
    for (const cookie of [expired, 'next-auth.session-token=forged']) {
      const handle = vi.fn(async () => Response.json({}));
      const response = await guardApiRequest(apiRequest({ headers: { cookie } }), handle);
      expect(handle).toHaveBeenCalledWith(null);
      expect(response.headers.get('set-cookie')).toMatch(
        /^next-auth\.session-token=;.*(Max-Age=0|Expires=Thu, 01 Jan 1970)/i,
      );
    }
  });
});

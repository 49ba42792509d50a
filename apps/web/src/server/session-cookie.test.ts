import type { NextAuthOptions } from 'next-auth';
import { encode, type JWT } from 'next-auth/jwt';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { setWebTestEnv, TEST_SESSION_SECRET } from './testing/web-test-env';

vi.mock('./db', () => ({ db: {} }));

let sessionCookie: typeof import('./session-cookie');
let authOptions: NextAuthOptions;

beforeAll(async () => {
  setWebTestEnv();
  sessionCookie = await import('./session-cookie');
  ({ authOptions } = await import('./auth'));
});

const nowSeconds = () => Math.floor(Date.now() / 1000);

function unsignedJwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`;
}

describe('session cookie', () => {
  it('accepts the cookie the server issued', async () => {
    const raw = await sessionCookie.encodeSession({ userId: 'u1', authTime: nowSeconds() }, 1800);
    const decoded = await sessionCookie.decodeSession(raw);
    expect(decoded?.claims.userId).toBe('u1');
    expect(decoded?.state.kind).toBe('valid');
    // The cookie is sealed with the secret, never carries it.
    expect(raw).not.toContain(TEST_SESSION_SECRET);
    expect(JSON.stringify(decoded)).not.toContain(TEST_SESSION_SECRET);
  });

  it('refuses a forged cookie: garbage, an API token, an unsigned JWT, one sealed with another secret', async () => {
    const claims = { userId: 'admin', authTime: nowSeconds(), iat: nowSeconds() };
    const forged = [
      'garbage',
      'cairn_abcd1234_0123456789abcdef',
      unsignedJwt(claims),
      await encode({ token: claims, secret: 'another-secret-that-is-long-enough-too!!', maxAge: 1800 }),
    ];
    for (const raw of forged) expect(await sessionCookie.decodeSession(raw), raw).toBeNull();
  });

  it('refuses a sealed token that is not a Cairn session (no user id or sign-in time)', async () => {
    const raw = await encode({ token: { email: 'a@b.c' }, secret: TEST_SESSION_SECRET, maxAge: 1800 });
    expect(await sessionCookie.decodeSession(raw)).toBeNull();
  });

  it('expires after 30 idle minutes and 12 hours after sign-in, whatever lifetime the cookie claims', async () => {
    const fresh = await encode({
      token: { userId: 'u1', authTime: nowSeconds() },
      secret: TEST_SESSION_SECRET,
      maxAge: 86_400,
    });
    expect((await sessionCookie.decodeSession(fresh, nowSeconds() + 31 * 60))?.state).toEqual({
      kind: 'expired',
      reason: 'idle',
    });
    const old = await encode({
      token: { userId: 'u1', authTime: nowSeconds() - 12 * 3600 - 1 },
      secret: TEST_SESSION_SECRET,
      maxAge: 86_400,
    });
    expect((await sessionCookie.decodeSession(old))?.state).toEqual({ kind: 'expired', reason: 'absolute' });
  });
});

describe('session fixation', () => {
  // Sessions are sealed JWTs, not ids the server looks up: a cookie planted before sign-in is
  // either refused (not sealed by this server) or replaced, because signing in builds the token
  // from the signed-in user alone.
  it('signing in issues a new token that keeps nothing of the one the browser already had', async () => {
    const planted = { userId: 'attacker', authTime: nowSeconds() - 3600, sub: 'attacker', extra: 'x' } as JWT;
    const jwt = authOptions.callbacks!.jwt!;
    const issued = await jwt({
      token: planted,
      user: { id: 'victim', name: 'Victim', email: 'victim@test.example' },
      account: null,
      trigger: 'signIn',
    });
    expect(issued).toEqual({
      sub: 'victim',
      userId: 'victim',
      name: 'Victim',
      email: 'victim@test.example',
      authTime: expect.closeTo(nowSeconds(), 2),
    });
  });

  it('will not renew a session past its absolute end', async () => {
    const jwt = authOptions.callbacks!.jwt!;
    const expired = { userId: 'u1', authTime: nowSeconds() - 12 * 3600 } as JWT;
    await expect(jwt({ token: expired, account: null, user: undefined as never })).rejects.toThrow(
      'Session expired',
    );
  });
});

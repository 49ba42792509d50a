import { describe, expect, it } from 'vitest';
import {
  ABSOLUTE_LIFETIME_SECONDS,
  evaluateSession,
  IDLE_TIMEOUT_SECONDS,
  RENEW_AFTER_SECONDS,
  renewedMaxAgeSeconds,
  sessionClaimsSchema,
} from './session-policy';

const signIn = 1_800_000_000;
const claims = (iat: number) => ({ userId: 'u1', authTime: signIn, iat });

describe('evaluateSession', () => {
  it('keeps a fresh session without re-issuing it', () => {
    expect(evaluateSession(claims(signIn), signIn + 10)).toEqual({ kind: 'valid', shouldRenew: false });
  });

  it('asks for renewal once the token is a minute old', () => {
    expect(evaluateSession(claims(signIn), signIn + RENEW_AFTER_SECONDS)).toEqual({
      kind: 'valid',
      shouldRenew: true,
    });
  });

  it('expires after 30 idle minutes', () => {
    expect(evaluateSession(claims(signIn), signIn + IDLE_TIMEOUT_SECONDS - 1).kind).toBe('valid');
    expect(evaluateSession(claims(signIn), signIn + IDLE_TIMEOUT_SECONDS)).toEqual({
      kind: 'expired',
      reason: 'idle',
    });
  });

  it('activity keeps the session alive past 30 minutes', () => {
    const renewedAt = signIn + 25 * 60;
    expect(evaluateSession(claims(renewedAt), signIn + 50 * 60).kind).toBe('valid');
  });

  it('expires 12 hours after sign-in however recently it was renewed', () => {
    const justRenewed = signIn + ABSOLUTE_LIFETIME_SECONDS - 5;
    expect(evaluateSession(claims(justRenewed), signIn + ABSOLUTE_LIFETIME_SECONDS)).toEqual({
      kind: 'expired',
      reason: 'absolute',
    });
  });
});

describe('renewedMaxAgeSeconds', () => {
  it('is the idle timeout early in a session', () => {
    expect(renewedMaxAgeSeconds(signIn, signIn + 60)).toBe(IDLE_TIMEOUT_SECONDS);
  });

  it('never reaches past the absolute end', () => {
    const now = signIn + ABSOLUTE_LIFETIME_SECONDS - 300;
    expect(renewedMaxAgeSeconds(signIn, now)).toBe(300);
    expect(renewedMaxAgeSeconds(signIn, signIn + ABSOLUTE_LIFETIME_SECONDS + 1)).toBe(0);
  });
});

describe('sessionClaimsSchema', () => {
  it('rejects a token without Cairn claims', () => {
    expect(sessionClaimsSchema.safeParse({ sub: 'x', iat: signIn }).success).toBe(false);
  });
});

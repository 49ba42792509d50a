import { z } from 'zod';

/** A session ends after this long without a request. */
export const IDLE_TIMEOUT_SECONDS = 30 * 60;
/** A session ends this long after sign-in, however active. */
export const ABSOLUTE_LIFETIME_SECONDS = 12 * 60 * 60;
/** Re-issuing the cookie on every request is wasteful; once a minute keeps the idle clock honest. */
export const RENEW_AFTER_SECONDS = 60;

/** What Cairn keeps in the encrypted session JWT besides next-auth's own claims. */
export const sessionClaimsSchema = z.object({
  userId: z.string().min(1),
  /** Seconds since the epoch at sign-in; the absolute lifetime counts from here. */
  authTime: z.number().int().positive(),
  /** Seconds since the epoch when this JWT was (re)issued; the idle clock counts from here. */
  iat: z.number().int().positive(),
});
export type SessionClaims = z.infer<typeof sessionClaimsSchema>;

export type SessionState =
  | { kind: 'valid'; shouldRenew: boolean }
  | { kind: 'expired'; reason: 'idle' | 'absolute' };

export function nowSeconds(date: Date = new Date()): number {
  return Math.floor(date.getTime() / 1000);
}

/** Decides whether a decoded session may be used at `now` and whether to re-issue it. */
export function evaluateSession(claims: SessionClaims, now: number): SessionState {
  if (now >= claims.authTime + ABSOLUTE_LIFETIME_SECONDS) return { kind: 'expired', reason: 'absolute' };
  if (now >= claims.iat + IDLE_TIMEOUT_SECONDS) return { kind: 'expired', reason: 'idle' };
  return { kind: 'valid', shouldRenew: now - claims.iat >= RENEW_AFTER_SECONDS };
}

/**
 * Lifetime for a freshly issued session JWT: the idle timeout, cut short so that no renewal can
 * carry a session past its absolute end. Never negative.
 */
export function renewedMaxAgeSeconds(authTime: number, now: number): number {
  const untilAbsoluteEnd = authTime + ABSOLUTE_LIFETIME_SECONDS - now;
  return Math.max(0, Math.min(IDLE_TIMEOUT_SECONDS, untilAbsoluteEnd));
}

import { createHash } from 'node:crypto';

export type RateDecision = { isAllowed: true } | { isAllowed: false; retryAfterSeconds: number };

export interface RateLimiter {
  take(key: string): RateDecision;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** Beyond this many callers tracked, buckets that have refilled completely are forgotten. */
const PRUNE_ABOVE_KEYS = 10_000;

/**
 * A token bucket per caller, held in this process: `perMinute` requests refill evenly over a
 * minute, and a caller may burst up to a minute's worth. In memory rather than in Postgres so
 * the ingest hot path adds no write per request; with N web instances behind a load balancer the
 * effective limit is up to N times this one, which is what a per-instance limit is for: keeping
 * one runaway training script from starving everybody else on that instance.
 */
export function createTokenBucketLimiter(options: { perMinute: number; now?: () => number }): RateLimiter {
  const now = options.now ?? Date.now;
  const capacity = options.perMinute;
  const refillPerMs = options.perMinute / 60_000;
  const buckets = new Map<string, Bucket>();

  function refilled(bucket: Bucket, at: number): number {
    return Math.min(capacity, bucket.tokens + (at - bucket.updatedAt) * refillPerMs);
  }

  function prune(at: number) {
    for (const [key, bucket] of buckets) {
      if (refilled(bucket, at) >= capacity) buckets.delete(key);
    }
  }

  return {
    take(key) {
      if (capacity <= 0) return { isAllowed: true };
      const at = now();
      const bucket = buckets.get(key) ?? { tokens: capacity, updatedAt: at };
      const tokens = refilled(bucket, at);
      if (tokens < 1) {
        buckets.set(key, { tokens, updatedAt: at });
        return {
          isAllowed: false,
          retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / refillPerMs / 1000)),
        };
      }
      buckets.set(key, { tokens: tokens - 1, updatedAt: at });
      if (buckets.size > PRUNE_ABOVE_KEYS) prune(at);
      return { isAllowed: true };
    },
  };
}

/**
 * Whose budget a request spends: the presented token's (hashed, so no secret is kept in memory,
 * and before the database lookup, so a flood of bad tokens is throttled too) or the client IP's.
 */
export function ingestRateKey(token: string | null, ip: string | null): string {
  if (token) return `token:${createHash('sha256').update(token).digest('base64url')}`;
  return `ip:${ip ?? 'unknown'}`;
}

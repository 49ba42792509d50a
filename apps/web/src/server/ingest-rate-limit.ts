import 'server-only';
import { createTokenBucketLimiter, type RateLimiter } from '@cairn/api/mlflow/ingest-rate-limiter';
import { env } from '~/env';

// One set of buckets per server process (see createTokenBucketLimiter for why not in Postgres).
const globalForLimiter = globalThis as unknown as { cairnIngestLimiter?: RateLimiter };

export const ingestRateLimiter: RateLimiter =
  globalForLimiter.cairnIngestLimiter ??
  createTokenBucketLimiter({ perMinute: env.ingestRateLimitPerMinute });

globalForLimiter.cairnIngestLimiter = ingestRateLimiter;

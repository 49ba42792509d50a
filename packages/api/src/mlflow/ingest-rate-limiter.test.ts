import { describe, expect, it } from 'vitest';
import { handleMlflowRequest } from './handle-mlflow-request';
import { createTokenBucketLimiter, ingestRateKey } from './ingest-rate-limiter';

function clock(start = 1_000_000) {
  let at = start;
  return { now: () => at, advance: (ms: number) => (at += ms) };
}

describe('createTokenBucketLimiter', () => {
  it('lets a caller burst a minute of requests, then refuses with how long to wait', () => {
    const time = clock();
    const limiter = createTokenBucketLimiter({ perMinute: 60, now: time.now });
    for (let i = 0; i < 60; i++) expect(limiter.take('a').isAllowed).toBe(true);
    expect(limiter.take('a')).toEqual({ isAllowed: false, retryAfterSeconds: 1 });
  });

  it('refills evenly: one request a second at 60 a minute', () => {
    const time = clock();
    const limiter = createTokenBucketLimiter({ perMinute: 60, now: time.now });
    for (let i = 0; i < 60; i++) limiter.take('a');
    time.advance(999);
    expect(limiter.take('a').isAllowed).toBe(false);
    time.advance(1);
    expect(limiter.take('a').isAllowed).toBe(true);
    expect(limiter.take('a').isAllowed).toBe(false);
  });

  it('says to wait longer when the limit is low', () => {
    const time = clock();
    const limiter = createTokenBucketLimiter({ perMinute: 2, now: time.now });
    limiter.take('a');
    limiter.take('a');
    expect(limiter.take('a')).toEqual({ isAllowed: false, retryAfterSeconds: 30 });
  });

  it('keeps each caller to its own budget', () => {
    const limiter = createTokenBucketLimiter({ perMinute: 1, now: clock().now });
    expect(limiter.take('a').isAllowed).toBe(true);
    expect(limiter.take('a').isAllowed).toBe(false);
    expect(limiter.take('b').isAllowed).toBe(true);
  });

  it('never refuses when the limit is 0 (off)', () => {
    const limiter = createTokenBucketLimiter({ perMinute: 0, now: clock().now });
    for (let i = 0; i < 1_000; i++) expect(limiter.take('a').isAllowed).toBe(true);
  });
});

describe('ingestRateKey', () => {
  it('keys by a hash of the token, never the token itself, and by IP without one', () => {
    const key = ingestRateKey('cairn_pat_supersecret', '10.0.0.1');
    expect(key).toMatch(/^token:/);
    expect(key).not.toContain('supersecret');
    expect(ingestRateKey('cairn_pat_other', '10.0.0.1')).not.toBe(key);
    expect(ingestRateKey(null, '10.0.0.1')).toBe('ip:10.0.0.1');
  });
});

describe('handleMlflowRequest with a rate limiter', () => {
  it("answers 429 REQUEST_LIMIT_EXCEEDED in MLflow's error shape with Retry-After, before touching the database", async () => {
    const limiter = createTokenBucketLimiter({ perMinute: 1, now: clock().now });
    limiter.take(ingestRateKey('cairn_pat_busy', null));
    const request = new Request('http://cairn.test/api/2.0/mlflow/runs/log-batch', {
      method: 'POST',
      headers: { authorization: 'Bearer cairn_pat_busy', 'content-type': 'application/json' },
      body: '{}',
    });
    const response = await handleMlflowRequest(request, {
      db: {} as never,
      meta: { ip: null, userAgent: null, requestId: 'r1' },
      rateLimiter: limiter,
    });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('60');
    expect(await response.json()).toEqual({
      error_code: 'REQUEST_LIMIT_EXCEEDED',
      message: 'Too many requests for this API token; retry after 60 s',
    });
  });

  it('throttles requests without a token by client IP', async () => {
    const limiter = createTokenBucketLimiter({ perMinute: 1, now: clock().now });
    limiter.take(ingestRateKey(null, '203.0.113.9'));
    const response = await handleMlflowRequest(new Request('http://cairn.test/api/2.0/mlflow/runs/get'), {
      db: {} as never,
      meta: { ip: '203.0.113.9', userAgent: null, requestId: 'r2' },
      rateLimiter: limiter,
    });
    expect(response.status).toBe(429);
  });
});

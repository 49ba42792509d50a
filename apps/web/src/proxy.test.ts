import type { NextRequest as NextRequestType } from 'next/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { setWebTestEnv } from './server/testing/web-test-env';

let proxy: (request: NextRequestType) => Promise<Response>;
let matcher: string[];
let NextRequest: typeof NextRequestType;

beforeAll(async () => {
  setWebTestEnv();
  ({
    proxy,
    config: { matcher },
  } = await import('./proxy'));
  ({ NextRequest } = await import('next/server'));
});

function request(path: string, init: { method?: string; headers?: Record<string, string> } = {}) {
  return new NextRequest(`http://localhost:3000${path}`, init);
}

describe('proxy', () => {
  it('runs for pages and APIs but not for static assets or the tRPC endpoint, which guards itself', () => {
    const runsFor = (path: string) => matcher.some((pattern) => new RegExp(`^${pattern}$`).test(path));
    for (const path of ['/', '/teams/x/settings', '/api/2.0/mlflow/runs/log-batch', '/api/audit/export'])
      expect(runsFor(path), path).toBe(true);
    for (const path of ['/_next/static/chunks/a.js', '/api/trpc/project.create'])
      expect(runsFor(path), path).toBe(false);
  });

  it('refuses a cookie-authenticated mutation another site makes a signed-in browser send', async () => {
    const response = await proxy(
      request('/api/audit/export', {
        method: 'POST',
        headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      }),
    );
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      error: { code: 'FORBIDDEN', message: 'Cross-site request refused' },
    });
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it("passes the MLflow API's cross-origin calls on to their handlers", async () => {
    const ingest = await proxy(
      request('/api/2.0/mlflow/runs/log-batch', {
        method: 'POST',
        headers: { origin: 'https://notebook.example', authorization: 'Bearer cairn_pat_x' },
      }),
    );
    expect(ingest.headers.get('x-middleware-next')).toBe('1');
  });

  it('gives a page a fresh nonce in its CSP and hands the same nonce to the renderer', async () => {
    const first = await proxy(request('/signin'));
    const second = await proxy(request('/signin'));
    const nonce = /'nonce-([^']+)'/.exec(first.headers.get('content-security-policy') ?? '')?.[1];
    expect(nonce).toBeTruthy();
    expect(second.headers.get('content-security-policy')).not.toContain(nonce);
    expect(first.headers.get('x-middleware-request-x-nonce')).toBe(nonce);
    expect(first.headers.get('x-frame-options')).toBe('DENY');
    expect(first.headers.get('x-content-type-options')).toBe('nosniff');
    // Served over http in this test: no HSTS.
    expect(first.headers.get('strict-transport-security')).toBeNull();
  });

  it('still sends a signed-out visitor of a page to sign in, with the headers', async () => {
    const response = await proxy(request('/teams'));
    expect(response.status).toBe(307);
    expect(response.headers.get('location')).toBe('http://localhost:3000/signin?callbackUrl=%2Fteams');
    expect(response.headers.get('content-security-policy')).toContain('script-src');
  });
});

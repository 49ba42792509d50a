import { appRouter } from '@cairn/api/root';
import type { NextRequest as NextRequestType } from 'next/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { setWebTestEnv } from './server/testing/web-test-env';

let proxy: (request: NextRequestType) => Promise<Response>;
let guardApiRequest: typeof import('./server/api-request-guard').guardApiRequest;
let NextRequest: typeof NextRequestType;

beforeAll(async () => {
  setWebTestEnv();
  ({ proxy } = await import('./proxy'));
  ({ guardApiRequest } = await import('./server/api-request-guard'));
  ({ NextRequest } = await import('next/server'));
});

const mutations = Object.entries(
  appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>,
)
  .filter(([, procedure]) => procedure._def.type === 'mutation')
  .map(([path]) => path);

/** The ways another site can make a signed-in browser POST: modern, older, and Referer-only browsers. */
const CROSS_SITE_HEADERS: Record<string, string>[] = [
  { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
  { origin: 'https://evil.example', 'sec-fetch-site': 'same-site' },
  { origin: 'https://evil.example' },
  { origin: 'null' },
  { referer: 'https://evil.example/page' },
];

describe('CSRF, for every tRPC mutation in the router', () => {
  it('covers the mutations of the router', () => {
    expect(mutations.length).toBeGreaterThan(30);
  });

  it('refuses each one, alone or batched, when another site makes the browser send it', async () => {
    for (const path of [...mutations, mutations.join(',')]) {
      for (const headers of CROSS_SITE_HEADERS) {
        const response = await guardApiRequest(
          new NextRequest(`http://localhost:3000/api/trpc/${path}?batch=1`, {
            method: 'POST',
            headers: { ...headers, 'content-type': 'application/json' },
            body: '{}',
          }),
          () => Promise.reject(new Error(`${path} reached its procedure`)),
        );
        expect(`${path.slice(0, 60)} ${JSON.stringify(headers)}: ${response.status}`).toBe(
          `${path.slice(0, 60)} ${JSON.stringify(headers)}: 403`,
        );
      }
    }
  });

  it('refuses the other cookie-authenticated routes the same way', async () => {
    for (const path of ['/api/audit/export', '/teams/x/settings']) {
      for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
        const response = await proxy(
          new NextRequest(`http://localhost:3000${path}`, { method, headers: CROSS_SITE_HEADERS[0] }),
        );
        expect(`${method} ${path}: ${response.status}`).toBe(`${method} ${path}: 403`);
      }
    }
  });
});

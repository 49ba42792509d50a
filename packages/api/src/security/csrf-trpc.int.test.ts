import { createTestDatabase, type TestDatabase } from '@cairn/db/testing/test-database';
import { makeUser, testRequest } from '@cairn/services/testing/fixtures';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../context';
import { appRouter } from '../root';
import { changedCounts, countRows } from './row-counts';

let t: TestDatabase;
let orgAdminId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  orgAdminId = (await makeUser(t.db, [], { isOrgAdmin: true })).id;
});
afterAll(async () => {
  await t.drop();
});

/**
 * The tRPC endpoint's guard lets GETs through whatever their origin (apps/web api-request-guard
 * and same-origin tests), so CSRF protection also rests on no mutation answering a GET, which a link or an image can make a
 * signed-in browser send.
 */
describe('no mutation answers a GET', () => {
  const mutations = Object.entries(
    appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>,
  )
    .filter(([, procedure]) => procedure._def.type === 'mutation')
    .map(([path]) => path);

  it('covers the mutations of the router', () => {
    expect(mutations.length).toBeGreaterThan(30);
  });

  it('refuses every mutation, alone or batched, sent as a GET by a signed-in org admin', async () => {
    const before = await countRows(t.db);
    const answer = async (url: string) => {
      const response = await fetchRequestHandler({
        endpoint: '/api/trpc',
        req: new Request(url, { method: 'GET', headers: { 'sec-fetch-site': 'cross-site' } }),
        router: appRouter,
        createContext: () =>
          createContext({
            db: t.db,
            session: { userId: orgAdminId, issuedAt: new Date(Date.now() + 1000) },
            request: testRequest,
          }),
      });
      return response.status;
    };
    const input = encodeURIComponent(JSON.stringify({ json: {} }));
    for (const path of mutations) {
      expect(`${path}: ${await answer(`http://cairn.test/api/trpc/${path}?input=${input}`)}`).toBe(
        `${path}: 405`,
      );
    }
    const batch = await answer(
      `http://cairn.test/api/trpc/me.get,${mutations[0]}?batch=1&input=${encodeURIComponent('{"0":{},"1":{}}')}`,
    );
    expect(batch).toBeGreaterThanOrEqual(400);
    expect(changedCounts(before, await countRows(t.db))).toEqual([]);
  });
});

import { createTestDatabase, type TestDatabase } from '@cairn/db/testing/test-database';
import { type JobQueue, startJobQueue } from '@cairn/services/jobs/job-queue';
import {
  makeTeam,
  makeUser,
  type TestTeam,
  type TestUser,
  testRequest,
} from '@cairn/services/testing/fixtures';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { sampleInputs } from '../authorization-samples';
import { createContext } from '../context';
import { appRouter, createCaller } from '../root';
import { createCallerFactory, createRouter, protectedProcedure } from '../trpc';
import { sampleHostileInputs } from './hostile-inputs';
import { checkRefusal } from './refusal-check';

/** Runs per procedure and role; fixed seed, so a failure reproduces. */
const RUNS = 15;
const SEED = 20261206;

let t: TestDatabase;
let queue: JobQueue;
let foreignIds: string[];

beforeAll(async () => {
  t = await createTestDatabase();
  queue = await startJobQueue({ connectionString: t.url, role: 'producer' });
  const other = await makeTeam(t.db);
  foreignIds = [other.teamId, other.projectId, other.admin.id, other.engineer.id];
});
afterAll(async () => {
  await queue.stop({ graceful: false });
  await t.drop();
});

const procedures = Object.entries(
  appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>,
);

async function call(user: TestUser, path: string, input: unknown): Promise<unknown> {
  const ctx = await createContext({
    db: t.db,
    session: { userId: user.id, issuedAt: new Date(Date.now() + 1000) },
    request: testRequest,
    queue,
  });
  const fn = path
    .split('.')
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], createCaller(ctx)) as (
    input: unknown,
  ) => Promise<unknown>;
  return fn(input);
}

describe('every procedure refuses hostile input with a client error and writes nothing', () => {
  for (const [path, procedure] of procedures) {
    it(path, { timeout: 60_000 }, async () => {
      // A team of its own per procedure, so an input that succeeds (say, a demotion) cannot
      // change what the next procedure's fuzzing sees.
      const team: TestTeam = await makeTeam(t.db);
      const orgAdmin = await makeUser(t.db, [], { isOrgAdmin: true });
      const sample = await sampleInputs(t.db, team, queue)[path]!();
      const failures: string[] = [];
      for (const [label, user] of [
        ['org admin', orgAdmin],
        ['engineer', team.engineer],
      ] as const) {
        for (const input of sampleHostileInputs(sample, foreignIds, RUNS, SEED)) {
          const failure = await checkRefusal(t.db, procedure._def.type, input, (value) =>
            call(user, path, value),
          );
          if (failure) failures.push(`${label}: ${failure}`);
        }
      }
      expect(failures).toEqual([]);
    });
  }
});

describe('the check itself', () => {
  it('catches a 500 and a write left behind by a refusal', async () => {
    const planted = createRouter({
      crash: protectedProcedure.input(z.unknown()).mutation(() => {
        throw new Error('unexpected');
      }),
      halfWrite: protectedProcedure.input(z.unknown()).mutation(async ({ ctx }) => {
        await ctx.db.team.create({ data: { name: 'Half', slug: `half-${crypto.randomUUID()}` } });
        throw new TRPCError({ code: 'CONFLICT', message: 'Too late' });
      }),
    });
    const user = (await makeTeam(t.db)).engineer;
    const ctx = await createContext({
      db: t.db,
      session: { userId: user.id, issuedAt: new Date(Date.now() + 1000) },
      request: testRequest,
    });
    const caller = createCallerFactory(planted)(ctx);
    expect(await checkRefusal(t.db, 'mutation', {}, (input) => caller.crash(input))).toMatch(
      /^INTERNAL_SERVER_ERROR/,
    );
    expect(await checkRefusal(t.db, 'mutation', {}, (input) => caller.halfWrite(input))).toMatch(
      /refused with CONFLICT but wrote public\."Team": \d+ -> \d+/,
    );
  });
});

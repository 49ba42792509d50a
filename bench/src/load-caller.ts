import { createContext } from '@cairn/api/context';
import { createCaller } from '@cairn/api/root';
import type { PrismaClient } from '@cairn/db/client';

export type ApiCaller = ReturnType<typeof createCaller>;

const BENCH_REQUEST = { ip: '127.0.0.1', userAgent: 'cairn-bench-load', requestId: 'bench-load' };

export async function userIdByEmail(db: PrismaClient, email: string): Promise<string> {
  return (await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id;
}

/** A tRPC caller in this process, signed in as the given user, over the given Prisma client. */
export async function callerAs(db: PrismaClient, userId: string): Promise<ApiCaller> {
  const ctx = await createContext({
    db,
    session: { userId, issuedAt: new Date(Date.now() + 1000) },
    request: BENCH_REQUEST,
  });
  return createCaller(ctx);
}

/** Calls a query procedure by its dotted path, as the HTTP handler resolves it. */
export function callPath(caller: ApiCaller, path: string, input: unknown): Promise<unknown> {
  const procedure = path
    .split('.')
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (
    input: unknown,
  ) => Promise<unknown>;
  return procedure(input);
}

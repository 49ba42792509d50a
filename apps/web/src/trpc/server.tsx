import { createContext } from '@cairn/api/context';
import { appRouter } from '@cairn/api/root';
import { createCallerFactory } from '@cairn/api/trpc';
import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import { TRPCError } from '@trpc/server';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { notFound } from 'next/navigation';
import { cache, type ReactNode } from 'react';
import { env } from '~/env';
import { db } from '~/server/db';
import { getJobQueue } from '~/server/job-queue';
import { getApiSession, getRequestMeta } from '~/server/session';
import { makeQueryClient } from './query-client';

const createCaller = createCallerFactory(appRouter);

const getServerContext = cache(async () =>
  createContext({
    db,
    session: await getApiSession(),
    request: await getRequestMeta(),
    queue: await getJobQueue(),
    awsWorkerRoleArn: env.awsWorkerRoleArn,
  }),
);

/** The API as the signed-in user, for server components: the same ladder as over HTTP. */
export const getCaller = cache(async () => createCaller(await getServerContext()));

/** This request's query cache: what a page puts in it is in the browser's cache from the start. */
const getServerQueryClient = cache(makeQueryClient);

/** Query keys and options as the browser's `useTRPC()` spells them, answered in this process. */
export const serverTRPC = createTRPCOptionsProxy({
  router: appRouter,
  ctx: getServerContext,
  queryClient: getServerQueryClient,
});

/**
 * Seeds this request's query cache with what the page already loaded on the server, so its client
 * components render the data in the first HTML instead of fetching it after hydration.
 */
export function primeQuery<T>(queryKey: readonly unknown[], data: T): void {
  getServerQueryClient().setQueryData(queryKey, data);
}

/**
 * Like primeQuery, for a lookup the page can do without: when it is refused or finds nothing, the
 * client component asks for it itself and shows what it shows for that answer.
 */
export async function primeQueryIfFound<T>(
  queryKey: readonly unknown[],
  load: () => Promise<T>,
): Promise<void> {
  try {
    primeQuery(queryKey, await load());
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
  }
}

/** Hands the project (its name for headers and breadcrumbs) to the browser, when the user may see it. */
export async function primeProject(teamId: string, projectId: string): Promise<void> {
  const input = { teamId, projectId };
  const caller = await getCaller();
  await primeQueryIfFound(serverTRPC.project.byId.queryKey(input), () => caller.project.byId(input));
}

/** Hands this request's query cache to the browser's (see primeQuery). */
export function HydrateClient({ children }: { children: ReactNode }) {
  return <HydrationBoundary state={dehydrate(getServerQueryClient())}>{children}</HydrationBoundary>;
}

/**
 * Runs a lookup for a page and answers 404 when the object does not exist, belongs to another
 * team, or the id is malformed: a foreign id must look exactly like a missing one.
 */
export async function findOrNotFound<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof TRPCError && (error.code === 'NOT_FOUND' || error.code === 'BAD_REQUEST'))
      notFound();
    throw error;
  }
}

import { createContext } from '@cairn/api/context';
import { appRouter } from '@cairn/api/root';
import { createCallerFactory } from '@cairn/api/trpc';
import { TRPCError } from '@trpc/server';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { env } from '~/env';
import { db } from '~/server/db';
import { getJobQueue } from '~/server/job-queue';
import { getApiSession, getRequestMeta } from '~/server/session';

const createCaller = createCallerFactory(appRouter);

/** The API as the signed-in user, for server components: the same ladder as over HTTP. */
export const getCaller = cache(async () =>
  createCaller(
    await createContext({
      db,
      session: await getApiSession(),
      request: await getRequestMeta(),
      queue: await getJobQueue(),
      awsWorkerRoleArn: env.awsWorkerRoleArn,
    }),
  ),
);

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

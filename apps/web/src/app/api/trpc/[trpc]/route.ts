import { createContext } from '@cairn/api/context';
import { appRouter } from '@cairn/api/root';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { env } from '~/env';
import { auditVerifyKeys } from '~/server/audit-keys';
import { db } from '~/server/db';
import { getJobQueue } from '~/server/job-queue';
import { requestMetaFromHeaders } from '~/server/request-meta';
import { getApiSession } from '~/server/session';

export const dynamic = 'force-dynamic';

function handler(req: Request) {
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    createContext: async () =>
      createContext({
        db,
        session: await getApiSession(),
        request: requestMetaFromHeaders(req.headers),
        queue: await getJobQueue(),
        awsWorkerRoleArn: env.awsWorkerRoleArn,
        auditKeys: auditVerifyKeys(),
      }),
    onError({ error, path }) {
      if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`tRPC ${path ?? '<no path>'} failed`, error);
    },
  });
}

export { handler as GET, handler as POST };

import { createContext } from '@cairn/api/context';
import { appRouter } from '@cairn/api/root';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { env } from '~/env';
import { logger } from '~/server/app-logger';
import { auditVerifyKeys } from '~/server/audit-keys';
import { db } from '~/server/db';
import { getJobQueue } from '~/server/job-queue';
import { withRequestLog } from '~/server/request-log';
import { requestMetaFromHeaders } from '~/server/request-meta';
import { getApiSession } from '~/server/session';

export const dynamic = 'force-dynamic';

function handler(req: Request) {
  const request = requestMetaFromHeaders(req.headers);
  return withRequestLog(logger, req, request, (scope) =>
    fetchRequestHandler({
      endpoint: '/api/trpc',
      req,
      router: appRouter,
      createContext: async () => {
        const session = await getApiSession();
        scope.setUserId(session?.userId ?? null);
        return createContext({
          db,
          session,
          request,
          queue: await getJobQueue(),
          awsWorkerRoleArn: env.awsWorkerRoleArn,
          auditKeys: auditVerifyKeys(),
        });
      },
      onError({ error, path }) {
        if (error.code === 'INTERNAL_SERVER_ERROR') {
          logger.error(
            { requestId: request.requestId, procedure: path ?? null, err: error },
            'tRPC procedure failed',
          );
        }
      },
    }),
  );
}

export { handler as GET, handler as POST };

import { createContext } from '@cairn/api/context';
import { appRouter } from '@cairn/api/root';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import type { NextRequest } from 'next/server';
import { env } from '~/env';
import { guardApiRequest } from '~/server/api-request-guard';
import { logger } from '~/server/app-logger';
import { auditVerifyKeys } from '~/server/audit-keys';
import { db } from '~/server/db';
import { getJobQueue } from '~/server/job-queue';
import { withRequestLog } from '~/server/request-log';
import { requestMetaFromHeaders } from '~/server/request-meta';

export const dynamic = 'force-dynamic';

function handler(req: NextRequest) {
  const request = requestMetaFromHeaders(req.headers);
  return withRequestLog(logger, req, request, (scope) =>
    guardApiRequest(req, (session) =>
      fetchRequestHandler({
        endpoint: '/api/trpc',
        req,
        router: appRouter,
        createContext: async () => {
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
    ),
  );
}

export { handler as GET, handler as POST };

import { handleMlflowRequest } from '@cairn/api/mlflow/handle-mlflow-request';
import { logger } from '~/server/app-logger';
import { db } from '~/server/db';
import { ingestRateLimiter } from '~/server/ingest-rate-limit';
import { getJobQueue } from '~/server/job-queue';
import { withRequestLog } from '~/server/request-log';
import { requestMetaFromHeaders } from '~/server/request-meta';

export const dynamic = 'force-dynamic';

/** MLflow tracking REST API 2.0 for unchanged MLflow clients (MLFLOW_TRACKING_URI=<cairn>). */
async function handler(req: Request) {
  const meta = requestMetaFromHeaders(req.headers);
  return withRequestLog(logger, req, meta, async (scope) =>
    handleMlflowRequest(req, {
      db,
      meta,
      queue: await getJobQueue(),
      rateLimiter: ingestRateLimiter,
      onAuthenticated: scope.setUserId,
      onUnexpectedError: (error) =>
        logger.error({ requestId: meta.requestId, err: error }, 'MLflow request failed'),
    }),
  );
}

export { handler as GET, handler as POST };

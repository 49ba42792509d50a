import { handleMlflowRequest } from '@cairn/api/mlflow/handle-mlflow-request';
import { db } from '~/server/db';
import { getJobQueue } from '~/server/job-queue';
import { requestMetaFromHeaders } from '~/server/request-meta';

export const dynamic = 'force-dynamic';

/** MLflow tracking REST API 2.0 for unchanged MLflow clients (MLFLOW_TRACKING_URI=<cairn>). */
async function handler(req: Request) {
  return handleMlflowRequest(req, {
    db,
    meta: requestMetaFromHeaders(req.headers),
    queue: await getJobQueue(),
  });
}

export { handler as GET, handler as POST };

import { handleMlflowRequest } from '@cairn/api/mlflow/handle-mlflow-request';
import { db } from '~/server/db';
import { requestMetaFromHeaders } from '~/server/request-meta';

export const dynamic = 'force-dynamic';

/** MLflow tracking REST API 2.0 for unchanged MLflow clients (MLFLOW_TRACKING_URI=<cairn>). */
function handler(req: Request) {
  return handleMlflowRequest(req, { db, meta: requestMetaFromHeaders(req.headers) });
}

export { handler as GET, handler as POST };

import type { RequestMeta } from '@cairn/core/actor';
import type { Logger } from 'pino';

export interface RequestLogScope {
  /** Who the request turned out to be, once the handler has authenticated it. */
  setUserId(userId: string | null): void;
}

/**
 * Serves one API request and writes one JSON line for it: method, path (never the query, which
 * may carry tokens), status, duration, request id and user id. The request id also goes back to
 * the caller as `x-request-id`, so a support ticket can quote it.
 */
export async function withRequestLog(
  logger: Logger,
  request: Request,
  meta: RequestMeta,
  handle: (scope: RequestLogScope) => Promise<Response>,
): Promise<Response> {
  const startedAt = performance.now();
  let userId: string | null = null;
  const line = (status: number) => ({
    requestId: meta.requestId,
    method: request.method,
    path: new URL(request.url).pathname,
    status,
    durationMs: Math.round((performance.now() - startedAt) * 10) / 10,
    userId,
    ip: meta.ip,
  });
  try {
    const response = await handle({
      setUserId(id) {
        userId = id;
      },
    });
    if (response.status >= 500) logger.error(line(response.status), 'request failed');
    else logger.info(line(response.status), 'request');
    return withRequestId(response, meta.requestId);
  } catch (error) {
    logger.error({ ...line(500), err: error }, 'request failed');
    throw error;
  }
}

function withRequestId(response: Response, requestId: string): Response {
  try {
    response.headers.set('x-request-id', requestId);
    return response;
  } catch {
    // Some responses (redirects) have immutable headers: copy them into a new one.
    const headers = new Headers(response.headers);
    headers.set('x-request-id', requestId);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }
}

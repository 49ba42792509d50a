import type { RequestMeta } from '@cairn/core/actor';
import { MAX_BATCH_LOG_REQUEST_SIZE } from '@cairn/core/tracking/mlflow-limits';
import type { PrismaClient } from '@cairn/db/client';
import { authenticateApiToken } from '@cairn/services/api-tokens/authenticate-api-token';
import type { JobQueue } from '@cairn/services/jobs/job-queue';
import type { z } from 'zod';
import { ingestRateKey, type RateLimiter } from './ingest-rate-limiter';
import type { MlflowCall } from './mlflow-call';
import { isUnexpectedError, MlflowError, toMlflowErrorResponse } from './mlflow-error';
import {
  createExperimentHandler,
  deleteExperimentHandler,
  getExperimentByNameHandler,
  getExperimentHandler,
  restoreExperimentHandler,
  searchExperimentsHandler,
  setExperimentTagHandler,
  updateExperimentHandler,
} from './mlflow-experiment-handlers';
import * as req from './mlflow-requests';
import {
  createRunHandler,
  deleteRunHandler,
  deleteTagHandler,
  getMetricHistoryHandler,
  getRunHandler,
  logBatchHandler,
  logInputsHandler,
  logMetricHandler,
  logParamHandler,
  restoreRunHandler,
  searchRunsHandler,
  setTagHandler,
  updateRunHandler,
} from './mlflow-run-handlers';

type Method = 'GET' | 'POST';

interface Route {
  methods: readonly Method[];
  schema: z.ZodType;
  handle: (call: MlflowCall, input: never) => Promise<object>;
  maxBodyBytes?: number;
}

/** Any other body: generous for datasets in log-inputs, but bounded. */
const MAX_REQUEST_BYTES = 16_000_000;

const READ: readonly Method[] = ['GET', 'POST'];
const WRITE: readonly Method[] = ['POST'];

function route<S extends z.ZodType>(
  methods: readonly Method[],
  schema: S,
  handle: (call: MlflowCall, input: z.output<S>) => Promise<object>,
  maxBodyBytes?: number,
): Route {
  return { methods, schema, handle: handle as Route['handle'], maxBodyBytes };
}

/** MLflow tracking REST API 2.0: path under `mlflow/` -> methods, request message, handler (walked by the security suite). */
export const ROUTES: Record<string, Route> = {
  'experiments/create': route(WRITE, req.createExperimentRequest, createExperimentHandler),
  'experiments/get': route(READ, req.experimentIdRequest, getExperimentHandler),
  'experiments/get-by-name': route(READ, req.getExperimentByNameRequest, getExperimentByNameHandler),
  'experiments/search': route(READ, req.searchExperimentsRequest, searchExperimentsHandler),
  'experiments/update': route(WRITE, req.updateExperimentRequest, updateExperimentHandler),
  'experiments/delete': route(WRITE, req.experimentIdRequest, deleteExperimentHandler),
  'experiments/restore': route(WRITE, req.experimentIdRequest, restoreExperimentHandler),
  'experiments/set-experiment-tag': route(WRITE, req.setExperimentTagRequest, setExperimentTagHandler),
  'runs/create': route(WRITE, req.createRunRequest, createRunHandler),
  'runs/get': route(READ, req.runIdRequest, getRunHandler),
  'runs/update': route(WRITE, req.updateRunRequest, updateRunHandler),
  'runs/delete': route(WRITE, req.runIdRequest, deleteRunHandler),
  'runs/restore': route(WRITE, req.runIdRequest, restoreRunHandler),
  'runs/search': route(READ, req.searchRunsRequest, searchRunsHandler),
  'runs/log-metric': route(WRITE, req.logMetricRequest, logMetricHandler),
  'runs/log-parameter': route(WRITE, req.logParamRequest, logParamHandler),
  'runs/set-tag': route(WRITE, req.setTagRequest, setTagHandler),
  'runs/delete-tag': route(WRITE, req.deleteTagRequest, deleteTagHandler),
  // MLflow refuses a log-batch body over 1 MB before parsing it.
  'runs/log-batch': route(WRITE, req.logBatchRequest, logBatchHandler, MAX_BATCH_LOG_REQUEST_SIZE),
  'runs/log-inputs': route(WRITE, req.logInputsRequest, logInputsHandler),
  'metrics/get-history': route(READ, req.getMetricHistoryRequest, getMetricHistoryHandler),
};

/** `/api/2.0/mlflow/...`, as clients call it; the UI's `/ajax-api/` and the old `preview/` prefix too. */
const PATH = /\/(?:api|ajax-api)\/2\.0\/(?:preview\/)?mlflow\/(.+?)\/?$/;

export interface MlflowDeps {
  db: PrismaClient;
  /** Where the request came from, for the audit trail. */
  meta: RequestMeta;
  /** For the work a request leaves to the worker (a finished run's charts); skipped without it. */
  queue?: JobQueue;
  /** Throttles each token (or client IP without one); unlimited without it. */
  rateLimiter?: RateLimiter;
  /** Told whose token the request carried, once it is known (for the request log). */
  onAuthenticated?: (userId: string) => void;
  /** Where an error that is not the client's fault is reported; the console without it. */
  onUnexpectedError?: (error: unknown) => void;
}

/** REQUEST_LIMIT_EXCEEDED, with how long the caller should wait. */
class RateLimitExceeded extends MlflowError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super(
      'REQUEST_LIMIT_EXCEEDED',
      `Too many requests for this API token; retry after ${retryAfterSeconds} s`,
    );
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** Serves one MLflow tracking REST request: authenticate the token, parse, call one service, reply. */
export async function handleMlflowRequest(request: Request, deps: MlflowDeps): Promise<Response> {
  try {
    throttle(request, deps);
    const call = await authenticate(request, deps);
    const route = findRoute(request);
    const input = route.schema.parse(await readInput(request, route));
    return Response.json(await route.handle(call, input as never));
  } catch (error) {
    if (isUnexpectedError(error)) {
      if (deps.onUnexpectedError) deps.onUnexpectedError(error);
      // The path only: a query string may carry what a client should not have put there.
      else console.error(`MLflow ${request.method} ${new URL(request.url).pathname} failed`, error);
    }
    const { status, body } = toMlflowErrorResponse(error);
    return Response.json(body, { status, headers: errorHeaders(error, status) });
  }
}

function errorHeaders(error: unknown, status: number): Record<string, string> | undefined {
  if (status === 401) return { 'www-authenticate': 'Bearer realm="cairn"' };
  if (error instanceof RateLimitExceeded) return { 'retry-after': String(error.retryAfterSeconds) };
  return undefined;
}

function throttle(request: Request, deps: MlflowDeps) {
  if (!deps.rateLimiter) return;
  const key = ingestRateKey(presentedToken(request.headers.get('authorization')), deps.meta.ip);
  const decision = deps.rateLimiter.take(key);
  if (!decision.isAllowed) throw new RateLimitExceeded(decision.retryAfterSeconds);
}

async function authenticate(request: Request, deps: MlflowDeps): Promise<MlflowCall> {
  const secret = presentedToken(request.headers.get('authorization'));
  if (!secret) {
    throw new MlflowError(
      'UNAUTHENTICATED',
      'Missing API token: set MLFLOW_TRACKING_TOKEN to a Cairn API token of the project',
    );
  }
  const actor = await authenticateApiToken(deps.db, secret);
  if (actor?.kind !== 'apiToken') {
    throw new MlflowError('UNAUTHENTICATED', 'The API token is unknown, expired or revoked');
  }
  deps.onAuthenticated?.(actor.userId);
  return {
    ctx: { db: deps.db, actor, request: deps.meta, ...(deps.queue ? { queue: deps.queue } : {}) },
    teamId: actor.teamId,
    projectId: actor.projectId,
  };
}

/** `Bearer <token>` (MLFLOW_TRACKING_TOKEN), or Basic auth with the token as the password. */
function presentedToken(header: string | null): string | null {
  if (!header) return null;
  const [scheme, value] = header.trim().split(/\s+/, 2);
  if (!value) return null;
  if (scheme?.toLowerCase() === 'bearer') return value;
  if (scheme?.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon >= 0 ? decoded.slice(colon + 1) || null : null;
  }
  return null;
}

/** MLflow's artifact proxy, which clients call for log_artifact and log_model. */
const ARTIFACTS_PATH = /\/(?:api|ajax-api)\/2\.0\/mlflow-artifacts\//;

function findRoute(request: Request): Route {
  if (ARTIFACTS_PATH.test(new URL(request.url).pathname)) {
    throw new MlflowError(
      'ENDPOINT_NOT_FOUND',
      'Cairn tracks runs but stores no artifacts: log_artifact and log_model are not supported',
    );
  }
  const path = PATH.exec(new URL(request.url).pathname)?.[1];
  const route = path ? ROUTES[path] : undefined;
  if (!route) {
    throw new MlflowError(
      'ENDPOINT_NOT_FOUND',
      `No MLflow endpoint ${request.method} ${new URL(request.url).pathname}`,
    );
  }
  if (!route.methods.includes(request.method as Method)) {
    throw new MlflowError(
      'ENDPOINT_NOT_FOUND',
      `${path} does not accept ${request.method}; use ${route.methods.join(' or ')}`,
    );
  }
  return route;
}

async function readInput(request: Request, route: Route): Promise<unknown> {
  if (request.method === 'GET') {
    const query = new URL(request.url).searchParams;
    const input: Record<string, string | string[]> = {};
    for (const key of new Set(query.keys())) {
      input[key] = req.REPEATED_QUERY_FIELDS.has(key) ? query.getAll(key) : (query.get(key) ?? '');
    }
    return input;
  }
  const text = await readBody(
    request,
    route.maxBodyBytes ?? MAX_REQUEST_BYTES,
    route === ROUTES['runs/log-batch'],
  );
  if (text.trim() === '') return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new MlflowError('BAD_REQUEST', 'Malformed JSON in the request body');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new MlflowError('BAD_REQUEST', 'The request body must be a JSON object');
  }
  return body;
}

/** The body as text, refusing it as soon as it passes `limit` bytes so an oversized one is never buffered. */
async function readBody(request: Request, limit: number, isBatch: boolean): Promise<string> {
  const tooLarge = (size: string) =>
    new MlflowError(
      'INVALID_PARAMETER_VALUE',
      isBatch
        ? `Batched logging API requests must be at most ${limit} bytes, got a request of size ${size}.`
        : `Requests must be at most ${limit} bytes, got a request of size ${size}.`,
    );
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (declared > limit) throw tooLarge(String(declared));
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(`more than ${limit}`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

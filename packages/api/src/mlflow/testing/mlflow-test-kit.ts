import type { PrismaClient } from '@cairn/db/client';
import { createApiToken } from '@cairn/services/api-tokens/create-api-token';
import type { JobQueue } from '@cairn/services/jobs/job-queue';
import { contextFor, type TestUser, testRequest } from '@cairn/services/testing/fixtures';
import { handleMlflowRequest } from '../handle-mlflow-request';

/** A project-scoped API token created by `user`, as a person would make one in the UI. */
export async function makeToken(
  db: PrismaClient,
  user: TestUser,
  ref: { teamId: string; projectId: string },
) {
  const token = await createApiToken(contextFor(db, user), { ...ref, name: 'mlflow', expiresInDays: 30 });
  return token.secret;
}

export interface MlflowReply {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: replies are asserted field by field in tests
  body: any;
}

export interface CallOptions {
  /** null sends no Authorization header. */
  token?: string | null;
  /** A raw body instead of JSON.stringify(body). */
  raw?: string;
  prefix?: string;
}

/**
 * Calls the MLflow handler as the web route does, through a real Request. GET bodies become query
 * parameters, repeated for lists, the way MLflow's Python client (requests) sends them.
 */
export function mlflowCaller(db: PrismaClient, defaultToken: string, deps: { queue?: JobQueue } = {}) {
  return async function call(
    method: 'GET' | 'POST',
    endpoint: string,
    body: Record<string, unknown> = {},
    options: CallOptions = {},
  ): Promise<MlflowReply> {
    const url = new URL(`http://cairn.test${options.prefix ?? '/api/2.0/mlflow/'}${endpoint}`);
    const token = options.token === undefined ? defaultToken : options.token;
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'mlflow-python-client/2.17.2',
    };
    if (token !== null) headers.authorization = `Bearer ${token}`;
    let requestBody: string | undefined;
    if (method === 'GET') {
      for (const [key, value] of Object.entries(body)) {
        for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(key, String(item));
      }
    } else {
      requestBody = options.raw ?? JSON.stringify(body);
    }
    const response = await handleMlflowRequest(new Request(url, { method, headers, body: requestBody }), {
      db,
      meta: testRequest,
      ...deps,
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };
}

export type MlflowCaller = ReturnType<typeof mlflowCaller>;

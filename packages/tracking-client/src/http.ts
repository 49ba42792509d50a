/** An MLflow error reply ({"error_code", "message"}), or a transport failure after the retries. */
export class CairnTrackingError extends Error {
  readonly status: number;
  /** MLflow's error code, e.g. INVALID_PARAMETER_VALUE or RESOURCE_DOES_NOT_EXIST. */
  readonly errorCode: string;
  constructor(status: number, errorCode: string, message: string) {
    super(`${errorCode}: ${message}`);
    this.name = 'CairnTrackingError';
    this.status = status;
    this.errorCode = errorCode;
  }
}

export interface HttpOptions {
  baseUrl: string;
  token: string;
  fetch: typeof fetch;
  /** Attempts after the first for 429, 5xx and network failures. */
  maxRetries: number;
  /** First backoff; it doubles each retry, with jitter, capped at 30 s. */
  retryBaseMs: number;
}

const RETRY_STATUSES = new Set([429, 500, 502, 503, 504]);
const MAX_BACKOFF_MS = 30_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Calls one MLflow endpoint (`runs/log-batch`, ...). Every retried call is idempotent on the server. */
export async function callMlflow<T>(
  http: HttpOptions,
  method: 'GET' | 'POST',
  endpoint: string,
  body: Record<string, unknown> = {},
): Promise<T> {
  const url = new URL(
    `api/2.0/mlflow/${endpoint}`,
    http.baseUrl.endsWith('/') ? http.baseUrl : `${http.baseUrl}/`,
  );
  const init: RequestInit = {
    method,
    headers: { authorization: `Bearer ${http.token}`, 'content-type': 'application/json' },
  };
  if (method === 'GET') {
    for (const [key, value] of Object.entries(body)) {
      if (value === undefined) continue;
      for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(key, String(item));
    }
  } else {
    init.body = JSON.stringify(body);
  }

  for (let attempt = 0; ; attempt++) {
    let response: Response;
    try {
      response = await http.fetch(url, init);
    } catch (error) {
      if (attempt >= http.maxRetries) {
        throw new CairnTrackingError(0, 'NETWORK_ERROR', `${endpoint}: ${(error as Error).message}`);
      }
      await sleep(backoff(http, attempt, null));
      continue;
    }
    if (response.ok) return (await response.json()) as T;
    if (RETRY_STATUSES.has(response.status) && attempt < http.maxRetries) {
      await response.body?.cancel();
      await sleep(backoff(http, attempt, response.headers.get('retry-after')));
      continue;
    }
    const text = await response.text();
    let parsed: { error_code?: string; message?: string } = {};
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = { message: text.slice(0, 500) };
    }
    throw new CairnTrackingError(
      response.status,
      parsed.error_code ?? `HTTP_${response.status}`,
      parsed.message ?? response.statusText,
    );
  }
}

function backoff(http: HttpOptions, attempt: number, retryAfter: string | null): number {
  const seconds = retryAfter ? Number(retryAfter) : Number.NaN;
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, MAX_BACKOFF_MS);
  const exponential = Math.min(http.retryBaseMs * 2 ** attempt, MAX_BACKOFF_MS);
  return exponential / 2 + Math.random() * (exponential / 2);
}

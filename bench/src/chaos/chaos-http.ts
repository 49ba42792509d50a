import superjson from 'superjson';

/**
 * What one request came to. Only `ok` (2xx) is an acknowledged write; `refused` is a 4xx the
 * portal meant (a rule said no); `failed` is a 5xx, a dropped connection or a timeout, which a
 * fault may explain and which promises nothing either way.
 */
export type Outcome<T> =
  | { kind: 'ok'; body: T }
  | { kind: 'refused'; status: number; message: string }
  | { kind: 'failed'; reason: string };

const TIMEOUT_MS = 10_000;

async function send<T>(url: string, init: RequestInit, parse: (text: string) => T): Promise<Outcome<T>> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    const cause =
      error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : '';
    return { kind: 'failed', reason: cause || String(error) };
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    return { kind: 'failed', reason: `body cut off: ${error instanceof Error ? error.message : error}` };
  }
  if (response.status >= 500) return { kind: 'failed', reason: `HTTP ${response.status}` };
  if (!response.ok) return { kind: 'refused', status: response.status, message: text.slice(0, 300) };
  try {
    return { kind: 'ok', body: parse(text) };
  } catch (error) {
    return {
      kind: 'failed',
      reason: `unreadable 2xx body: ${error instanceof Error ? error.message : error}`,
    };
  }
}

/** The MLflow REST API with the project's API token, as a training script calls it. */
export function mlflowClient(webUrl: string, token: string) {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  return {
    post<T>(path: string, body: unknown): Promise<Outcome<T>> {
      return send(
        `${webUrl}/api/2.0/mlflow/${path}`,
        { method: 'POST', headers, body: JSON.stringify(body) },
        (text) => JSON.parse(text) as T,
      );
    },
    get<T>(path: string, query: Record<string, string>): Promise<Outcome<T>> {
      return send(
        `${webUrl}/api/2.0/mlflow/${path}?${new URLSearchParams(query)}`,
        { headers },
        (text) => JSON.parse(text) as T,
      );
    },
  };
}

export type MlflowClient = ReturnType<typeof mlflowClient>;

interface TrpcEnvelope {
  result: { data: Parameters<typeof superjson.deserialize>[0] };
}

/** tRPC over HTTP with a signed-in session cookie, as the browser's client sends it (superjson). */
export function trpcClient(webUrl: string, cookie: string) {
  const headers = { cookie, origin: webUrl, 'content-type': 'application/json' };
  const parse = <T>(text: string) => superjson.deserialize<T>((JSON.parse(text) as TrpcEnvelope).result.data);
  return {
    mutate<T>(path: string, input: unknown): Promise<Outcome<T>> {
      return send(
        `${webUrl}/api/trpc/${path}`,
        { method: 'POST', headers, body: JSON.stringify(superjson.serialize(input)) },
        parse<T>,
      );
    },
    query<T>(path: string, input: unknown): Promise<Outcome<T>> {
      const encoded = encodeURIComponent(JSON.stringify(superjson.serialize(input)));
      return send(`${webUrl}/api/trpc/${path}?input=${encoded}`, { headers }, parse<T>);
    },
  };
}

export type TrpcClient = ReturnType<typeof trpcClient>;

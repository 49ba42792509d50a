import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the SDK sent, as it went over the wire. */
export interface RecordedRequest {
  /** The awsQuery Action or the JSON protocol's X-Amz-Target operation. */
  operation: string;
  /** Form fields (awsQuery) or the parsed JSON body. */
  params: Record<string, unknown>;
  accessKeyId: string | undefined;
}

export interface RecordingProxy {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

// fetch sets these itself and refuses some of them outright.
const HOP_BY_HOP = new Set([
  'host',
  'connection',
  'keep-alive',
  'content-length',
  'transfer-encoding',
  'expect',
  'content-encoding',
]);

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function describeRequest(incoming: IncomingMessage, body: Buffer): RecordedRequest {
  const text = body.toString('utf8');
  const accessKeyId = /Credential=([^/]+)\//.exec(String(incoming.headers.authorization ?? ''))?.[1];
  const target = incoming.headers['x-amz-target'];
  if (typeof target === 'string') {
    return {
      operation: target.split('.').pop() ?? target,
      params: text ? JSON.parse(text) : {},
      accessKeyId,
    };
  }
  const params = Object.fromEntries(new URLSearchParams(text));
  return { operation: String(params.Action ?? ''), params, accessKeyId };
}

/**
 * Sits between the SDK and aws-sim and records what was sent, so a test can assert on the exact
 * request (SourceIdentity, tags, how many AssumeRole calls) without the simulator exposing a log.
 */
export async function startRecordingProxy(targetUrl: string): Promise<RecordingProxy> {
  const requests: RecordedRequest[] = [];
  const server = createServer((incoming, outgoing) => {
    readBody(incoming)
      .then(async (body) => {
        requests.push(describeRequest(incoming, body));
        const headers = new Headers();
        for (const [name, value] of Object.entries(incoming.headers)) {
          if (typeof value === 'string' && !HOP_BY_HOP.has(name)) headers.set(name, value);
        }
        const response = await fetch(`${targetUrl}${incoming.url ?? '/'}`, {
          method: incoming.method,
          headers,
          body: incoming.method === 'GET' || incoming.method === 'HEAD' ? undefined : body,
        });
        const answer = Buffer.from(await response.arrayBuffer());
        const outHeaders: Record<string, string> = {};
        response.headers.forEach((value, name) => {
          if (!HOP_BY_HOP.has(name)) {
            outHeaders[name] = value;
          }
        });
        outgoing.writeHead(response.status, outHeaders);
        outgoing.end(answer);
      })
      .catch((error: unknown) => {
        outgoing.writeHead(502);
        outgoing.end(String(error));
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseQueryForm } from './query/query-protocol';
import type { SimRequest, SimResponse, SimService } from './service';
import { parseSigV4Authorization } from './sigv4';
import { createStsService } from './sts/handler';

export interface AwsSimOptions {
  /** 0 picks a free port; the one bound is returned. */
  port: number;
  host?: string;
}

export interface AwsSim {
  url: string;
  port: number;
  close(): Promise<void>;
}

function json(status: number, requestId: string, body: unknown): SimResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-RequestId': requestId },
    body: JSON.stringify(body),
  };
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Signing name first; unsigned requests fall back to the protocol's own markers. */
function resolveService(services: SimService[], request: SimRequest, signedFor: string | undefined) {
  if (signedFor) {
    const service = services.find((candidate) => candidate.name === signedFor);
    if (service) return service;
  }
  const target = request.headers['x-amz-target'];
  if (typeof target === 'string') {
    const prefix = target.split('.')[0];
    const service = services.find((candidate) => candidate.targetPrefix === prefix);
    if (service) return service;
  }
  if (String(request.headers['content-type']).startsWith('application/x-www-form-urlencoded')) {
    const version = parseQueryForm(request.body).get('Version');
    return services.find((candidate) => candidate.queryVersion === version);
  }
  return undefined;
}

async function route(services: SimService[], incoming: IncomingMessage): Promise<SimResponse> {
  const requestId = randomUUID();
  const path = (incoming.url ?? '/').split('?')[0] ?? '/';
  const body = await readBody(incoming);
  if (incoming.method === 'GET' && path === '/_sim/health') {
    return json(200, requestId, { ok: true, services: services.map((service) => service.name) });
  }
  const scope = parseSigV4Authorization(incoming.headers.authorization);
  const request: SimRequest = {
    method: incoming.method ?? 'GET',
    path,
    headers: incoming.headers,
    body,
    requestId,
    accessKeyId: scope?.accessKeyId,
  };
  const service = resolveService(services, request, scope?.service);
  if (!service) {
    return json(400, requestId, {
      __type: 'UnknownServiceException',
      message: `aws-sim does not simulate this service (signed for: ${scope?.service ?? 'unsigned'})`,
    });
  }
  return service.handle(request);
}

/** Starts the local AWS control plane; every service lives behind one port, as with LocalStack. */
export async function startAwsSim(options: AwsSimOptions): Promise<AwsSim> {
  const { port, host = '127.0.0.1' } = options;
  const services: SimService[] = [createStsService()];

  const server = createServer((incoming: IncomingMessage, outgoing: ServerResponse) => {
    route(services, incoming)
      .catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        return json(500, randomUUID(), { __type: 'InternalFailure', message });
      })
      .then((response) => {
        outgoing.writeHead(response.status, response.headers);
        outgoing.end(response.body);
      });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${bound}`,
    port: bound,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // SDK clients keep connections alive; without this close() waits for them to idle out.
        server.closeAllConnections();
      }),
  };
}

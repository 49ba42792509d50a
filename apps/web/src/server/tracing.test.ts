import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { trace } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTracing } from './tracing';

interface Received {
  path: string;
  body: string;
}

const received: Received[] = [];
const collector = createServer((request: IncomingMessage, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    received.push({ path: request.url ?? '', body: Buffer.concat(chunks).toString('latin1') });
    response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
});
let endpoint = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => collector.close(() => resolve())));

describe('startTracing', () => {
  it('exports spans to the OTLP collector under the service name', async () => {
    const provider = startTracing({ serviceName: 'cairn-web-test', endpoint: `${endpoint}/` });
    try {
      trace.getTracer('test').startActiveSpan('GET /api/ready', (span) => span.end());
      await provider.forceFlush();
      expect(received.map((request) => request.path)).toContain('/v1/traces');
      const body = received.map((request) => request.body).join('');
      expect(body).toContain('cairn-web-test');
      expect(body).toContain('GET /api/ready');
    } finally {
      await provider.shutdown();
    }
  });
});

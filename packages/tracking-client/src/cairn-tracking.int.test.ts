import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleMlflowRequest } from '@cairn/api/mlflow/handle-mlflow-request';
import { createTestDatabase, type TestDatabase } from '@cairn/db/testing/test-database';
import { createApiToken } from '@cairn/services/api-tokens/create-api-token';
import { contextFor, makeTeam, type TestTeam, testRequest } from '@cairn/services/testing/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CairnTracking, CairnTrackingError } from './cairn-tracking';

let t: TestDatabase;
let team: TestTeam;
let token: string;
let server: Server;
let baseUrl: string;
/** Requests to answer 503 before passing on, to exercise the client's retries. */
let failNext = 0;
const seen: string[] = [];

async function serve(req: IncomingMessage, res: ServerResponse) {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  seen.push(`${req.method} ${req.url?.split('?')[0]}`);
  if (failNext > 0) {
    failNext--;
    res.writeHead(503, { 'content-type': 'application/json' });
    res.end('{"error_code":"TEMPORARILY_UNAVAILABLE","message":"try again"}');
    return;
  }
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers))
    if (typeof value === 'string') headers.set(key, value);
  const request = new Request(`${baseUrl}${req.url}`, {
    method: req.method,
    headers,
    body: req.method === 'GET' || req.method === 'HEAD' ? undefined : Buffer.concat(chunks),
  });
  const response = await handleMlflowRequest(request, { db: t.db, meta: testRequest });
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}

beforeAll(async () => {
  t = await createTestDatabase();
  team = await makeTeam(t.db);
  token = (
    await createApiToken(contextFor(t.db, team.engineer), {
      teamId: team.teamId,
      projectId: team.projectId,
      name: 'node training',
      expiresInDays: 30,
    })
  ).secret;
  server = createServer((req, res) => {
    serve(req, res).catch((error) => {
      res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.drop();
});

// No timed flushes here, so the count of log-batch requests is exact.
const client = () => new CairnTracking({ baseUrl, token, retryBaseMs: 5, flushAfterMs: 0 });

describe('CairnTracking against the real MLflow handler', () => {
  it('logs a run with buffered metrics in log-batch chunks, ends it, and reads it back', async () => {
    const tracking = client();
    const run = await tracking.startRun({
      experimentName: 'node-exp',
      runName: 'first',
      tags: { owner: 'ml' },
    });
    expect(run.id).toMatch(/^[0-9a-f]{32}$/);
    await run.logParams({ lr: 0.001, layers: 4, optimizer: 'adam' });
    await run.setTag('phase', 'train');

    const before = seen.length;
    for (let step = 0; step < 2_500; step++) {
      await run.logMetrics({ loss: 1 / (step + 1), acc: step === 10 ? Number.NaN : step / 2_500 }, { step });
    }
    await run.end();
    const batches = seen.slice(before).filter((line) => line.endsWith('runs/log-batch')).length;
    // 5,000 points in chunks of at most 1,000: never one request per point.
    expect(batches).toBe(5);

    const fetched = await tracking.getRun(run.id);
    expect(fetched).toMatchObject({
      id: run.id,
      name: 'first',
      status: 'FINISHED',
      params: { lr: '0.001', layers: '4', optimizer: 'adam' },
      tags: { owner: 'ml', phase: 'train' },
    });
    expect(fetched.endTime).toEqual(expect.any(Number));
    expect(fetched.metrics.loss).toMatchObject({ step: 2_499, value: 1 / 2_500 });

    const history = await tracking.getMetricHistory(run.id, 'acc');
    expect(history).toHaveLength(2_500);
    expect(history[10]?.value).toBeNaN();
    expect(history.map((p) => p.step)).toEqual(Array.from({ length: 2_500 }, (_, i) => i));

    const found = await tracking.searchRuns({
      experimentIds: [run.experimentId],
      filter: 'metrics.loss < 0.01',
    });
    expect(found.runs.map((r) => r.id)).toEqual([run.id]);
  });

  it('sends a few buffered points on its own after flushAfterMs, so live charts follow the run', async () => {
    const tracking = new CairnTracking({ baseUrl, token, flushAfterMs: 50 });
    const run = await tracking.startRun();
    await run.logMetric('live', 1, { step: 0 });
    await run.logMetric('live', 2, { step: 1 });
    expect(await tracking.getMetricHistory(run.id, 'live')).toHaveLength(0);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await tracking.getMetricHistory(run.id, 'live')).toHaveLength(2);
  });

  it('reuses an experiment by name', async () => {
    const tracking = client();
    const a = await tracking.getOrCreateExperiment('shared');
    const b = await tracking.getOrCreateExperiment('shared');
    expect(b).toBe(a);
  });

  it('logs to the Default experiment when none is named', async () => {
    const run = await client().startRun();
    expect(run.experimentId).toMatch(/^[0-9a-f]{32}$/);
    await run.end('KILLED');
    expect((await client().getRun(run.id)).status).toBe('KILLED');
  });

  it('retries 5xx with backoff and loses nothing', async () => {
    const tracking = client();
    const run = await tracking.startRun({ runName: 'flaky' });
    failNext = 2;
    for (let step = 0; step < 10; step++) await run.logMetric('x', step, { step });
    await run.flush();
    expect(failNext).toBe(0);
    expect(await tracking.getMetricHistory(run.id, 'x')).toHaveLength(10);
  });

  it('surfaces MLflow errors: a changed param is INVALID_PARAMETER_VALUE', async () => {
    const run = await client().startRun();
    await run.logParam('seed', 1);
    const error = await run.logParam('seed', 2).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CairnTrackingError);
    expect(error).toMatchObject({ status: 400, errorCode: 'INVALID_PARAMETER_VALUE' });
  });

  it('gives up after its retries with the last error', async () => {
    const tracking = new CairnTracking({ baseUrl, token, retryBaseMs: 1, maxRetries: 1 });
    failNext = 5;
    const error = await tracking.getRun('0'.repeat(32)).catch((e: unknown) => e);
    failNext = 0;
    expect(error).toMatchObject({ status: 503, errorCode: 'TEMPORARILY_UNAVAILABLE' });
  });

  it('rejects a bad token with UNAUTHENTICATED', async () => {
    const tracking = new CairnTracking({ baseUrl, token: 'cairn_bad_token', maxRetries: 0 });
    await expect(tracking.startRun()).rejects.toMatchObject({ status: 401, errorCode: 'UNAUTHENTICATED' });
  });
});

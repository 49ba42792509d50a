import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger';
import { withRequestLog } from './request-log';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: createLogger({ level: 'info', destination }), lines };
}

const meta = { ip: '198.51.100.7', userAgent: 'test', requestId: 'req-42' };
const SECRETS = ['cairn_pat_s3cr3t-token', 'hunter2-password', 'session-cookie-value', 'client-secret-value'];

describe('withRequestLog', () => {
  it('writes one JSON line per request with method, path, status, duration, request id and user id', async () => {
    const { logger, lines } = capture();
    const request = new Request('http://cairn.test/api/trpc/project.list?batch=1', { method: 'GET' });
    const response = await withRequestLog(logger, request, meta, async (scope) => {
      scope.setUserId('user-1');
      return Response.json({ ok: true });
    });
    expect(response.headers.get('x-request-id')).toBe('req-42');
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!);
    expect(line).toMatchObject({
      level: 'info',
      msg: 'request',
      method: 'GET',
      path: '/api/trpc/project.list',
      status: 200,
      requestId: 'req-42',
      userId: 'user-1',
    });
    expect(typeof line.durationMs).toBe('number');
    expect(typeof line.time).toBe('string');
  });

  it('logs no secret of a request that carries a token, a password and a cookie', async () => {
    const { logger, lines } = capture();
    const request = new Request(
      `http://cairn.test/api/2.0/mlflow/runs/log-batch?token=${SECRETS[0]}&password=${SECRETS[1]}`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${SECRETS[0]}`, cookie: `next-auth.session-token=${SECRETS[2]}` },
        body: JSON.stringify({ password: SECRETS[1] }),
      },
    );
    await withRequestLog(logger, request, meta, async () => {
      // A handler that logs what it was given must not leak it either.
      logger.warn(
        {
          headers: Object.fromEntries(request.headers),
          body: { password: SECRETS[1], clientSecret: SECRETS[3] },
          token: SECRETS[0],
        },
        'handler saw',
      );
      return Response.json({ error_code: 'UNAUTHENTICATED' }, { status: 401 });
    });
    expect(lines).toHaveLength(2);
    for (const secret of SECRETS) expect(lines.join('\n')).not.toContain(secret);
    const handlerLine = JSON.parse(lines[0]!);
    expect(handlerLine.headers).toMatchObject({ authorization: '[redacted]', cookie: '[redacted]' });
    expect(handlerLine.body.password).toBe('[redacted]');
    expect(JSON.parse(lines[1]!)).toMatchObject({ status: 401, path: '/api/2.0/mlflow/runs/log-batch' });
  });

  it('logs a failed request at error level and passes the error on', async () => {
    const { logger, lines } = capture();
    const request = new Request('http://cairn.test/api/trpc/x', { method: 'POST' });
    await expect(
      withRequestLog(logger, request, meta, async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'error', status: 500, requestId: 'req-42' });
  });
});

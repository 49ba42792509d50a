import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhookSignature } from '@cairn/core/webhook-signature';
import { makeTeam } from '@cairn/services/testing/fixtures';
import { emitWebhookEvent } from '@cairn/services/webhooks/emit-webhook-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkerTestStack, type WorkerTestStack } from '../testing/worker-test-stack';
import { deliverWebhookHandler } from './deliver-webhook.handler';
import { type JobHandler, runOne } from './job-runner';

let stack: WorkerTestStack;
let t: WorkerTestStack['t'];
let producer: WorkerTestStack['producer'];

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A receiver that answers each request with the next status in line (then 200s). */
async function receiver(statuses: number[]) {
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(statuses.shift() ?? 200, { 'content-type': 'text/plain' });
      response.end(response.statusCode >= 300 ? 'receiver is down for maintenance' : 'ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/cairn`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

beforeAll(async () => {
  stack = await startWorkerTestStack();
  ({ t, producer } = stack);
});
afterAll(() => stack.stop());

async function webhookFor(url: string, events = ['pipeline_run.finished']) {
  const team = await makeTeam(t.db);
  const secret = `whsec_${crypto.randomUUID()}`;
  await t.db.projectWebhook.create({
    data: { teamId: team.teamId, projectId: team.projectId, url, secret, events },
  });
  return { team, secret };
}

async function settledDelivery(id: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const delivery = await t.db.webhookDelivery.findUniqueOrThrow({ where: { id } });
    if (delivery.status !== 'PENDING' || Date.now() > deadline) return delivery;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('webhook delivery', () => {
  it('POSTs the signed event, and retries after a 500 until the receiver takes it', async () => {
    const server = await receiver([500]);
    try {
      const { team, secret } = await webhookFor(server.url);
      const deliveryId = await t.db.$transaction((tx) =>
        emitWebhookEvent(tx, producer, {
          teamId: team.teamId,
          projectId: team.projectId,
          event: 'pipeline_run.finished',
          data: { runId: 'r-1', status: 'SUCCEEDED' },
        }),
      );
      expect(deliveryId).toEqual(expect.any(String));
      const delivery = await settledDelivery(deliveryId as string);
      expect(delivery).toMatchObject({
        status: 'DELIVERED',
        attempts: 2,
        responseStatus: 200,
        lastError: null,
      });
      expect(server.received).toHaveLength(2);
      const [first, second] = server.received as [Received, Received];
      // The retry sends the same event: same body, same delivery id.
      expect(second.body).toBe(first.body);
      for (const { headers, body } of server.received) {
        expect(headers).toMatchObject({
          'content-type': 'application/json',
          'user-agent': 'Cairn-Webhooks',
          'x-cairn-event': 'pipeline_run.finished',
          'x-cairn-delivery': deliveryId,
        });
        const timestamp = headers['x-cairn-timestamp'] as string;
        expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(120);
        expect(verifyWebhookSignature(secret, timestamp, body, headers['x-cairn-signature'] as string)).toBe(
          true,
        );
        expect(
          verifyWebhookSignature('whsec_wrong', timestamp, body, headers['x-cairn-signature'] as string),
        ).toBe(false);
      }
      expect(JSON.parse(first.body)).toEqual({
        id: deliveryId,
        event: 'pipeline_run.finished',
        occurredAt: expect.any(String),
        teamId: team.teamId,
        projectId: team.projectId,
        data: { runId: 'r-1', status: 'SUCCEEDED' },
      });
    } finally {
      await server.close();
    }
  }, 90_000);

  it('keeps the failing status (never the body) for the admin while it retries', async () => {
    const server = await receiver([503, 503, 503, 503]);
    try {
      const { team } = await webhookFor(server.url);
      const deliveryId = await t.db.$transaction((tx) =>
        emitWebhookEvent(tx, producer, {
          teamId: team.teamId,
          projectId: team.projectId,
          event: 'pipeline_run.finished',
          data: {},
        }),
      );
      const deadline = Date.now() + 30_000;
      let delivery = await t.db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId as string } });
      while (delivery.attempts < 1 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        delivery = await t.db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId as string } });
      }
      expect(delivery).toMatchObject({ status: 'PENDING', responseStatus: 503 });
      expect(delivery.lastError).toBe('The receiver answered HTTP 503');
    } finally {
      await server.close();
    }
  }, 60_000);

  it('records the delivery FAILED when the last attempt fails, keeping the receiver’s answer', async () => {
    const server = await receiver([500]);
    try {
      const { team } = await webhookFor(server.url);
      // No queue: the delivery waits, and this test plays the worker's last attempt itself.
      const deliveryId = (await t.db.$transaction((tx) =>
        emitWebhookEvent(tx, undefined, {
          teamId: team.teamId,
          projectId: team.projectId,
          event: 'pipeline_run.finished',
          data: {},
        }),
      )) as string;
      const result = await runOne(
        deliverWebhookHandler as JobHandler<unknown>,
        { id: crypto.randomUUID(), data: { teamId: team.teamId, deliveryId }, retryCount: 6, retryLimit: 6 },
        stack.deps,
      );
      expect(result.status).toBe('failed');
      await expect(
        t.db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } }),
      ).resolves.toMatchObject({
        status: 'FAILED',
        attempts: 1,
        responseStatus: 500,
        lastError: expect.stringContaining('HTTP 500'),
      });
    } finally {
      await server.close();
    }
  });

  it('does not send what was waiting when the webhook is disabled', async () => {
    const server = await receiver([]);
    try {
      const { team } = await webhookFor(server.url);
      const deliveryId = (await t.db.$transaction((tx) =>
        emitWebhookEvent(tx, undefined, {
          teamId: team.teamId,
          projectId: team.projectId,
          event: 'pipeline_run.finished',
          data: {},
        }),
      )) as string;
      await t.db.projectWebhook.updateMany({
        where: { projectId: team.projectId },
        data: { isEnabled: false },
      });
      const result = await runOne(
        deliverWebhookHandler as JobHandler<unknown>,
        { id: crypto.randomUUID(), data: { teamId: team.teamId, deliveryId }, retryCount: 0, retryLimit: 6 },
        stack.deps,
      );
      expect(result.status).toBe('completed');
      expect(server.received).toHaveLength(0);
      await expect(
        t.db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } }),
      ).resolves.toMatchObject({
        status: 'FAILED',
        attempts: 0,
        lastError: 'The webhook was disabled before this event was sent',
      });
    } finally {
      await server.close();
    }
  });

  it('refuses a URL that is not http(s) without sending anything', async () => {
    const { team } = await webhookFor('file:///etc/passwd');
    const deliveryId = await t.db.$transaction((tx) =>
      emitWebhookEvent(tx, producer, {
        teamId: team.teamId,
        projectId: team.projectId,
        event: 'pipeline_run.finished',
        data: {},
      }),
    );
    const delivery = await settledDelivery(deliveryId as string, 30_000);
    expect(delivery).toMatchObject({ status: 'FAILED' });
    expect(delivery.lastError).toContain('not an http(s) address');
  });

  it('refuses loopback, private and metadata addresses (literal or resolved) unless private ones are allowed', async () => {
    const server = await receiver([]);
    try {
      const port = new URL(server.url).port;
      const cases = [
        [server.url, 'Refused: 127.0.0.1, a loopback address'],
        [`http://localhost:${port}/hooks`, 'Refused: localhost resolves to'],
        ['http://169.254.169.254/latest/meta-data/', 'a link-local address (cloud instance metadata)'],
        ['http://[::ffff:10.0.0.1]:8080/', 'a private network address'],
      ] as const;
      for (const [url, reason] of cases) {
        const { team } = await webhookFor(url);
        const deliveryId = (await t.db.$transaction((tx) =>
          emitWebhookEvent(tx, undefined, {
            teamId: team.teamId,
            projectId: team.projectId,
            event: 'pipeline_run.finished',
            data: {},
          }),
        )) as string;
        const result = await runOne(
          deliverWebhookHandler as JobHandler<unknown>,
          {
            id: crypto.randomUUID(),
            data: { teamId: team.teamId, deliveryId },
            retryCount: 0,
            retryLimit: 6,
          },
          { ...stack.deps, allowsPrivateWebhookAddresses: false },
        );
        expect(result.status).toBe('completed');
        const delivery = await t.db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } });
        expect(delivery).toMatchObject({ status: 'FAILED', responseStatus: null });
        expect(delivery.lastError).toContain(reason);
      }
      expect(server.received).toHaveLength(0);
    } finally {
      await server.close();
    }
  });

  it('records nothing for a project without a subscribed, enabled webhook; PENDING without a queue', async () => {
    const { team } = await webhookFor('http://127.0.0.1:9/never', ['model_version.approved']);
    const event = {
      teamId: team.teamId,
      projectId: team.projectId,
      event: 'pipeline_run.finished' as const,
      data: {},
    };
    await expect(t.db.$transaction((tx) => emitWebhookEvent(tx, producer, event))).resolves.toBeNull();
    await t.db.projectWebhook.updateMany({
      where: { projectId: team.projectId },
      data: { events: ['pipeline_run.finished'], isEnabled: false },
    });
    await expect(t.db.$transaction((tx) => emitWebhookEvent(tx, producer, event))).resolves.toBeNull();
    await t.db.projectWebhook.updateMany({ where: { projectId: team.projectId }, data: { isEnabled: true } });
    const id = await t.db.$transaction((tx) => emitWebhookEvent(tx, undefined, event));
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await expect(
      t.db.webhookDelivery.findUniqueOrThrow({ where: { id: id as string } }),
    ).resolves.toMatchObject({
      status: 'PENDING',
      attempts: 0,
    });
  });
});

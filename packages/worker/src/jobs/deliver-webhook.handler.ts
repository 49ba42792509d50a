import { signWebhookBody } from '@cairn/core/webhook-signature';
import { deliverWebhookJob, type JobPayload } from '@cairn/services/jobs/job-contracts';
import { recordWebhookDelivery } from '@cairn/services/webhooks/record-webhook-delivery';
import type { JobHandler, JobRun } from './job-runner';
import { postWebhook, WebhookAddressRefused, WebhookTimeout } from './post-webhook';

type Payload = JobPayload<typeof deliverWebhookJob>;

const TIMEOUT_MS = 10_000;

/** The receiver answered with something other than 2xx, or could not be reached: try again later. */
class WebhookDeliveryFailed extends Error {
  override readonly name = 'WebhookDeliveryFailed';
  readonly $retryable = { throttling: false };
}

function describeNetworkError(error: unknown): string {
  if (error instanceof WebhookTimeout) return error.message;
  const code = (error as { code?: string } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return code ? `Could not connect: ${code} (${message})` : `Could not connect: ${message}`;
}

/**
 * POSTs one delivery to its webhook, signed with the webhook's secret: a 2xx answer delivers it;
 * anything else is recorded as an attempt and retried with backoff until the contract's limit, then
 * recorded FAILED. The body is the payload stored when the event happened, so every retry sends the
 * same bytes.
 */
export const deliverWebhookHandler: JobHandler<Payload> = {
  contract: deliverWebhookJob,

  async run(payload: Payload, run: JobRun) {
    const { db } = run.deps;
    const delivery = await db.webhookDelivery.findUnique({
      where: { id: payload.deliveryId },
      include: { webhook: { select: { url: true, secret: true, isEnabled: true } } },
    });
    if (!delivery) return { skipped: 'delivery deleted' };
    if (delivery.status !== 'PENDING') return { skipped: `already ${delivery.status}` };
    if (!delivery.webhook.isEnabled) {
      await recordWebhookDelivery(db, {
        deliveryId: delivery.id,
        attempt: { status: 'FAILED', error: 'The webhook was disabled before this event was sent' },
        countsAsAttempt: false,
      });
      return { status: 'FAILED' };
    }
    let url: URL | null = null;
    try {
      url = new URL(delivery.webhook.url);
    } catch {
      url = null;
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
      await recordWebhookDelivery(db, {
        deliveryId: delivery.id,
        attempt: {
          status: 'FAILED',
          responseStatus: null,
          error: 'The webhook URL is not an http(s) address',
        },
      });
      return { status: 'FAILED' };
    }
    const body = JSON.stringify(delivery.payload);
    const timestamp = String(Math.floor(Date.now() / 1000));
    let status: number;
    try {
      status = await postWebhook({
        url,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Cairn-Webhooks',
          'x-cairn-event': delivery.event,
          'x-cairn-delivery': delivery.id,
          'x-cairn-timestamp': timestamp,
          'x-cairn-signature': signWebhookBody(delivery.webhook.secret, timestamp, body),
        },
        body,
        timeoutMs: TIMEOUT_MS,
        allowsPrivateAddresses: run.deps.allowsPrivateWebhookAddresses ?? false,
      });
    } catch (error) {
      if (error instanceof WebhookAddressRefused) {
        await recordWebhookDelivery(db, {
          deliveryId: delivery.id,
          attempt: { status: 'FAILED', responseStatus: null, error: error.message },
        });
        return { status: 'FAILED' };
      }
      const message = describeNetworkError(error);
      await recordWebhookDelivery(db, {
        deliveryId: delivery.id,
        attempt: { status: 'RETRYING', responseStatus: null, error: message },
      });
      throw new WebhookDeliveryFailed(message);
    }
    // Only the status is kept: storing the receiver's body would let anyone who can set a webhook
    // URL read what the worker can reach.
    if (status >= 200 && status < 300) {
      await recordWebhookDelivery(db, {
        deliveryId: delivery.id,
        attempt: { status: 'DELIVERED', responseStatus: status },
      });
      return { status: 'DELIVERED', responseStatus: status };
    }
    const message = `The receiver answered HTTP ${status}`;
    await recordWebhookDelivery(db, {
      deliveryId: delivery.id,
      attempt: { status: 'RETRYING', responseStatus: status, error: message },
    });
    throw new WebhookDeliveryFailed(message);
  },

  async giveUp(payload, run, failure) {
    await recordWebhookDelivery(run.deps.db, {
      deliveryId: payload.deliveryId,
      attempt: { status: 'FAILED', error: failure.message },
      countsAsAttempt: false,
    });
  },
};

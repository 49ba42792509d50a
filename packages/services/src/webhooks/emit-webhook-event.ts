import type { WebhookEvent } from '@cairn/core/schemas/webhook';
import { uuidV7 } from '@cairn/core/uuid-v7';
import type { Tx } from '@cairn/db/client';
import { enqueueJob } from '../jobs/enqueue-job';
import { deliverWebhookJob } from '../jobs/job-contracts';
import type { JobQueue } from '../jobs/job-queue';

export interface WebhookEventInput {
  teamId: string;
  projectId: string;
  event: WebhookEvent;
  data: Record<string, unknown>;
}

/** What a receiver gets as the JSON body of a delivery. */
export interface WebhookPayload {
  id: string;
  event: WebhookEvent;
  occurredAt: string;
  teamId: string;
  projectId: string;
  data: Record<string, unknown>;
}

/**
 * Records the event for the project's webhook, if it is enabled and subscribed, and enqueues its
 * delivery in the caller's transaction: no commit, no delivery; a commit, exactly one. Without a
 * queue (demo seed, scripts) the delivery stays PENDING with no job. Answers the delivery's id.
 */
export async function emitWebhookEvent(
  tx: Tx,
  queue: JobQueue | undefined,
  input: WebhookEventInput,
): Promise<string | null> {
  const webhook = await tx.projectWebhook.findFirst({
    where: {
      projectId: input.projectId,
      teamId: input.teamId,
      isEnabled: true,
      events: { has: input.event },
    },
    select: { id: true },
  });
  if (!webhook) return null;
  const now = new Date();
  const payload: WebhookPayload = {
    id: uuidV7(now.getTime()),
    event: input.event,
    occurredAt: now.toISOString(),
    teamId: input.teamId,
    projectId: input.projectId,
    data: input.data,
  };
  const delivery = await tx.webhookDelivery.create({
    data: {
      id: payload.id,
      webhookId: webhook.id,
      teamId: input.teamId,
      event: input.event,
      // Through JSON once, so what is stored is exactly what will be sent (dates as ISO strings).
      payload: JSON.parse(JSON.stringify(payload)),
      createdAt: now,
    },
    select: { id: true },
  });
  if (queue)
    await enqueueJob(tx, queue, deliverWebhookJob, { teamId: input.teamId, deliveryId: delivery.id });
  return delivery.id;
}

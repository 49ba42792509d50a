import type { PrismaClient } from '@cairn/db/client';

export type WebhookAttempt =
  | { status: 'DELIVERED'; responseStatus: number }
  /** responseStatus left out keeps the last one recorded (a give-up after a 500 still shows the 500). */
  | { status: 'RETRYING' | 'FAILED'; responseStatus?: number | null; error: string };

/**
 * Records one attempt at a delivery: DELIVERED on a 2xx answer, FAILED when the worker gives up,
 * otherwise still PENDING with the attempt counted and the last error kept for the admin to read.
 * A delivered delivery stays delivered, whatever a late attempt reports.
 */
export async function recordWebhookDelivery(
  db: PrismaClient,
  input: { deliveryId: string; attempt: WebhookAttempt; countsAsAttempt?: boolean },
): Promise<{ isRecorded: boolean }> {
  const { attempt } = input;
  const increment = input.countsAsAttempt === false ? 0 : 1;
  const { count } = await db.webhookDelivery.updateMany({
    where: { id: input.deliveryId, status: { not: 'DELIVERED' } },
    data:
      attempt.status === 'DELIVERED'
        ? {
            status: 'DELIVERED',
            attempts: { increment },
            responseStatus: attempt.responseStatus,
            lastError: null,
            deliveredAt: new Date(),
          }
        : {
            status: attempt.status === 'FAILED' ? 'FAILED' : 'PENDING',
            attempts: { increment },
            ...(attempt.responseStatus !== undefined ? { responseStatus: attempt.responseStatus } : {}),
            lastError: attempt.error.slice(0, 2_000),
          },
  });
  return { isRecorded: count > 0 };
}

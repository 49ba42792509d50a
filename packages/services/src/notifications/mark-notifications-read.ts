import type { MarkNotificationsReadInput } from '@cairn/core/schemas/notification';
import { recordAudit } from '../audit/record-audit';
import type { ServiceContext } from '../context';
import { personId } from './list-notifications';

/**
 * Marks the person's notifications read: the given ones, or all when none are named. Only their
 * own: another person's id changes nothing.
 */
export async function markNotificationsRead(ctx: ServiceContext, input: MarkNotificationsReadInput) {
  const userId = personId(ctx);
  return ctx.db.$transaction(async (tx) => {
    const { count } = await tx.notification.updateMany({
      where: { userId, readAt: null, ...(input.ids ? { id: { in: input.ids } } : {}) },
      data: { readAt: new Date() },
    });
    if (count > 0) {
      await recordAudit(tx, ctx, {
        action: 'notification.markRead',
        resourceType: 'User',
        resourceId: userId,
        after: { count, scope: input.ids ? 'some' : 'all' },
      });
    }
    return { count };
  });
}

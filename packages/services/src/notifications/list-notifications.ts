import { DomainError } from '@cairn/core/errors';
import type { ListNotificationsInput } from '@cairn/core/schemas/notification';
import type { ServiceContext } from '../context';

function personId(ctx: ServiceContext): string {
  if (ctx.actor.kind !== 'user') throw new DomainError('FORBIDDEN', 'Only people have notifications');
  return ctx.actor.userId;
}

/** The person's notifications, newest first (keyset by id), with how many are unread. */
export async function listNotifications(ctx: ServiceContext, input: ListNotificationsInput) {
  const userId = personId(ctx);
  const [rows, unread] = await Promise.all([
    ctx.db.notification.findMany({
      where: { userId, ...(input.cursor ? { id: { lt: input.cursor } } : {}) },
      orderBy: { id: 'desc' },
      take: input.limit + 1,
      select: { id: true, kind: true, title: true, body: true, link: true, readAt: true, createdAt: true },
    }),
    ctx.db.notification.count({ where: { userId, readAt: null } }),
  ]);
  const items = rows.slice(0, input.limit);
  return { items, unread, nextCursor: rows.length > input.limit ? (items.at(-1)?.id ?? null) : null };
}

export { personId };

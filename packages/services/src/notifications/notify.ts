import type { Tx } from '@cairn/db/client';

export interface NotificationInput {
  teamId: string;
  kind: string;
  title: string;
  body?: string;
  /** Where a click takes the person: a path inside the portal. */
  link: string;
}

/** Leaves the same in-app notification for each person, inside the caller's transaction. */
export async function notify(tx: Tx, userIds: readonly string[], notification: NotificationInput) {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return 0;
  const { count } = await tx.notification.createMany({
    data: unique.map((userId) => ({
      userId,
      teamId: notification.teamId,
      kind: notification.kind,
      title: notification.title,
      body: notification.body ?? '',
      link: notification.link,
    })),
  });
  return count;
}

import type { PrismaClient } from '@cairn/db/client';

/** The reason given when each user was last disabled, from the audit trail (the one record of it). */
export async function latestDisableReasons(
  db: Pick<PrismaClient, 'auditEvent'>,
  userIds: string[],
): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const events = await db.auditEvent.findMany({
    where: { action: 'user.disable', resourceType: 'User', resourceId: { in: userIds } },
    orderBy: { seq: 'desc' },
    select: { resourceId: true, after: true },
  });
  const reasons = new Map<string, string>();
  for (const event of events) {
    const reason = (event.after as { reason?: unknown } | null)?.reason;
    if (event.resourceId && !reasons.has(event.resourceId) && typeof reason === 'string') {
      reasons.set(event.resourceId, reason);
    }
  }
  return reasons;
}

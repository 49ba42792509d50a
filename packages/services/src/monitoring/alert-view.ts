import type { Db } from '@cairn/db/client';
import type { Prisma } from '@cairn/db/generated/prisma/client';

/** What the alert lists show of each alert: its rule's condition, where it fired, who acknowledged it. */
export const ALERT_VIEW_INCLUDE = {
  rule: {
    select: {
      id: true,
      name: true,
      metric: true,
      statistic: true,
      comparator: true,
      threshold: true,
      windowMinutes: true,
      evaluationPeriods: true,
    },
  },
  deployment: {
    select: { id: true, awsResourceName: true, environment: { select: { name: true } } },
  },
} satisfies Prisma.AlertInclude;

type AlertWithView = Prisma.AlertGetPayload<{ include: typeof ALERT_VIEW_INCLUDE }>;

/** Adds the acknowledging person's email to each alert (one query for all). */
export async function withAcknowledgers(db: Db, alerts: AlertWithView[]) {
  const ids = [
    ...new Set(alerts.flatMap((alert) => (alert.acknowledgedById ? [alert.acknowledgedById] : []))),
  ];
  const users = ids.length
    ? await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true } })
    : [];
  const emailOf = new Map(users.map((user) => [user.id, user.email]));
  return alerts.map((alert) => ({
    ...alert,
    acknowledgedByEmail: alert.acknowledgedById ? (emailOf.get(alert.acknowledgedById) ?? null) : null,
  }));
}

import type pg from 'pg';
import { seedAlerts } from './alerts';
import { seedApprovals } from './approvals';
import type { ScaleSpec } from './layout';
import { seedNotifications } from './notifications';

/** The parts added after the first scale seeds; the marker row lists those a database holds. */
export const ACTIVITY_PARTS = ['approvals', 'alerts', 'notifications'] as const;
export const ACTIVITY_TABLES = ['ApprovalRequest', 'ApprovalDecision', 'AlertRule', 'Alert', 'Notification'];

type Part = <T>(label: string, work: () => Promise<T>) => Promise<T>;

/**
 * Approval requests and decisions, alert rules and alerts, and the demo people's notifications,
 * timed from `metricsEnd` (the seeding's minute) like the deployment metrics. Whatever of them the
 * database holds is deleted first, so an interrupted addition is simply made again.
 */
export async function seedActivity(client: pg.Client, spec: ScaleSpec, metricsEnd: Date, part: Part) {
  const windowStart = new Date(metricsEnd.getTime() - spec.metricDays * 86_400_000);
  await client.query('TRUNCATE "Notification", "Alert", "AlertRule", "ApprovalDecision", "ApprovalRequest"');
  const requests = await part('approvals (requests, decisions, team policies)', () =>
    seedApprovals(client, spec, metricsEnd),
  );
  const alerts = await part('alerts (default rules, resolved and open alerts)', () =>
    seedAlerts(client, spec, windowStart, metricsEnd),
  );
  await part('notifications (the demo people)', () =>
    seedNotifications(client, spec, metricsEnd, requests, alerts),
  );
}

import { createHash } from 'node:crypto';
import { formatMetricValue } from '@cairn/core/monitoring/metric-catalogue';
import { approvalRequestPath } from '@cairn/services/approvals/approval-links';
import { DEMO_USERS } from '@cairn/services/demo/seed-demo';
import { deploymentPath } from '@cairn/services/monitoring/monitoring-links';
import type pg from 'pg';
import type { SeededAlert } from './alerts';
import type { SeededRequest } from './approvals';
import { insertRows } from './insert-rows';
import type { ScaleSpec } from './layout';
import { alertRecipients, deciders, readTeamPeople, scaleDraw } from './team-people';

const MINUTE_MS = 60_000;
/** Notifications of the last three days before the seeding are unread, and a few older ones. */
const UNREAD_WITHIN_MS = 3 * 1_440 * MINUTE_MS;
const ENVIRONMENT_LABEL = { DEV: 'dev', STAGING: 'staging', PROD: 'prod' } as const;

/**
 * A uuid v7 (the table's own ids, which the list pages by) at the notification's instant, its
 * random bits drawn from the seed, so the newest come first and the rows repeat.
 */
function seededUuidV7(ms: number, text: string): string {
  const md5 = createHash('md5').update(text).digest('hex');
  const hex = `${ms.toString(16).padStart(12, '0')}7${md5.slice(0, 3)}8${md5.slice(3, 18)}`;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The demo people's notifications, as the services leave them for what the seed holds: approvers
 * and admins are asked for each request in their teams, requesters hear of each approval and
 * how it ended (approved, rejected, expired), the team's engineers, approvers and admins are told of every alert fired.
 */
export async function seedNotifications(
  client: pg.Client,
  spec: ScaleSpec,
  anchor: Date,
  requests: readonly SeededRequest[],
  alerts: readonly SeededAlert[],
): Promise<void> {
  const { seed } = spec;
  const people = await readTeamPeople(client);
  const demo = new Set<string>(DEMO_USERS.map((user) => user.email));
  const rows: unknown[][] = [];
  const leave = (
    userIds: readonly string[],
    at: Date,
    note: { teamId: string; kind: string; title: string; body: string; link: string },
  ) => {
    for (const userId of userIds) {
      const key = `${userId}:${note.kind}:${note.link}:${at.getTime()}`;
      const isUnread =
        anchor.getTime() - at.getTime() < UNREAD_WITHIN_MS || scaleDraw(seed, `unread:${key}`) < 0.03;
      rows.push([
        seededUuidV7(at.getTime(), `cairn-bench:${seed}:notification:${key}`),
        userId,
        note.teamId,
        note.kind,
        note.title,
        note.body,
        note.link,
        isUnread
          ? null
          : new Date(at.getTime() + (5 + 600 * scaleDraw(seed, `read:${key}`)) * MINUTE_MS).toISOString(),
        at.toISOString(),
      ]);
    }
  };
  const demoOf = (list: readonly { userId: string; email: string }[]) =>
    list.filter((person) => demo.has(person.email)).map((person) => person.userId);
  const emails = new Map([...people.values()].flat().map((person) => [person.userId, person.email]));
  for (const request of requests) {
    const link = approvalRequestPath(request.teamId, request.id);
    const askedOf = deciders(people.get(request.teamId) ?? []).filter(
      (person) => person.userId !== request.requestedById,
    );
    leave(demoOf(askedOf), request.createdAt, {
      teamId: request.teamId,
      kind: 'approval.requested',
      title: `${request.title} waits for your approval`,
      body: `${emails.get(request.requestedById) ?? 'admin@example.com'} asks to release it to ${ENVIRONMENT_LABEL[request.environment]}`,
      link,
    });
    const requester = demo.has(emails.get(request.requestedById) ?? '') ? [request.requestedById] : [];
    for (const step of request.progress)
      leave(requester, step.at, {
        teamId: request.teamId,
        kind: 'approval.progress',
        title: `${step.email} approved ${request.title}`,
        body: step.sentence,
        link,
      });
    if (request.status === 'APPROVED' && request.decidedAt)
      leave(requester, request.decidedAt, {
        teamId: request.teamId,
        kind: 'approval.approved',
        title: `${request.title} is approved`,
        body: 'It has every approval it needed',
        link,
      });
    else if (request.status === 'REJECTED' && request.decidedAt)
      leave(requester, request.decidedAt, {
        teamId: request.teamId,
        kind: 'approval.rejected',
        title: `${request.title} was rejected`,
        body: 'An approver rejected it',
        link,
      });
    else if (request.status === 'EXPIRED')
      leave(requester, request.expiresAt, {
        teamId: request.teamId,
        kind: 'approval.expired',
        title: 'Your approval request expired',
        body: 'Nobody decided before it expired; open a new request when the version is ready.',
        link,
      });
  }
  for (const alert of alerts)
    leave(demoOf(alertRecipients(people.get(alert.teamId) ?? [])), alert.firedAt, {
      teamId: alert.teamId,
      kind: 'alert.fired',
      title: `${alert.severity} alert: ${alert.ruleName} on ${alert.endpointName}`,
      body: `${formatMetricValue(alert.metric, alert.firstValue)} (${alert.condition}) in prod`,
      link: deploymentPath(alert.teamId, alert.projectId, alert.deploymentId),
    });
  await insertRows(
    client,
    'Notification',
    [
      ['id', 'uuid'],
      ['userId', 'uuid'],
      ['teamId', 'uuid'],
      ['kind', 'text'],
      ['title', 'text'],
      ['body', 'text'],
      ['link', 'text'],
      ['readAt', 'timestamptz'],
      ['createdAt', 'timestamptz'],
    ],
    rows,
  );
}

import { appendAuditEvent } from '@cairn/db/audit-writer';
import type { PrismaClient, Tx } from '@cairn/db/client';
import { type ServiceContext, systemRequest } from '../context';
import { notify } from '../notifications/notify';
import { approvalRequestPath } from './approval-links';

const EXPIRY_ACTOR = { kind: 'system', label: 'cairn-expiry' } as const;
const BATCH = 500;

interface OverdueCandidate {
  id: string;
  teamId: string;
  status: string;
  expiresAt: Date;
  requestedById: string;
}

/**
 * Expires one request if its time is up and it is still pending, inside the caller's transaction:
 * audited as the system's act, the requester told. True when the request is (now) expired.
 */
export async function expireOverdueRequest(
  tx: Tx,
  ctx: Pick<ServiceContext, 'request'> | null,
  request: OverdueCandidate,
  now = new Date(),
): Promise<boolean> {
  if (request.status === 'EXPIRED') return true;
  if (request.status !== 'PENDING' || request.expiresAt.getTime() > now.getTime()) return false;
  const { count } = await tx.approvalRequest.updateMany({
    where: { id: request.id, status: 'PENDING' },
    data: { status: 'EXPIRED', decidedAt: now },
  });
  if (count === 0) return false;
  await appendAuditEvent(tx, {
    actor: EXPIRY_ACTOR,
    request: ctx?.request ?? systemRequest(EXPIRY_ACTOR.label),
    action: 'approval.expire',
    resourceType: 'ApprovalRequest',
    resourceId: request.id,
    teamId: request.teamId,
    outcome: 'SUCCESS',
    reason: `No decision before ${request.expiresAt.toISOString()}`,
    after: { status: 'EXPIRED' },
  });
  await notify(tx, [request.requestedById], {
    teamId: request.teamId,
    kind: 'approval.expired',
    title: 'Your approval request expired',
    body: 'Nobody decided before it expired; open a new request when the version is ready.',
    link: approvalRequestPath(request.teamId, request.id),
  });
  return true;
}

/** Expires every overdue pending request (the worker's minute sweep). Safe to run concurrently. */
export async function expireApprovalRequests(
  db: PrismaClient,
  input: { now: Date; jobId: string },
): Promise<{ expired: number }> {
  let expired = 0;
  for (;;) {
    const due = await db.approvalRequest.findMany({
      where: { status: 'PENDING', expiresAt: { lte: input.now } },
      orderBy: { expiresAt: 'asc' },
      take: BATCH,
      select: { id: true, teamId: true, status: true, expiresAt: true, requestedById: true },
    });
    if (due.length === 0) return { expired };
    for (const request of due) {
      const isExpired = await db.$transaction((tx) =>
        expireOverdueRequest(
          tx,
          { request: { ...systemRequest(EXPIRY_ACTOR.label), requestId: input.jobId } },
          request,
          input.now,
        ),
      );
      if (isExpired) expired += 1;
    }
    if (due.length < BATCH) return { expired };
  }
}

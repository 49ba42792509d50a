import { type AuditHashContent, auditEventHash, GENESIS_HASH } from '@cairn/core/audit-hash';
import type { Db } from './client';
import type { AuditEvent } from './generated/prisma/client';

export type AuditBreakKind = 'altered' | 'deleted' | 'inserted' | 'reordered';

export type AuditVerification =
  | { ok: true; count: number; headHash: string; headSeq: string | null }
  | { ok: false; count: number; firstBadSeq: string; kind: AuditBreakKind; detail: string };

/**
 * Walks the chain in sequence order in keyset batches (constant memory) and reports the first row
 * where it breaks:
 * - a row's prevHash names a hash no row has: the row before it was deleted;
 * - it names a row that comes later in sequence: rows were reordered;
 * - it names a row earlier than its predecessor: its predecessor was inserted;
 * - the links hold but a row's hash does not match its content: the row was altered (or, when the
 *   next row links past it, inserted with a forged hash).
 * Sequence gaps are normal (rolled-back transactions consume sequence numbers) and not reported.
 */
export async function verifyAuditChain(
  db: Db,
  options: { batchSize?: number } = {},
): Promise<AuditVerification> {
  const batchSize = options.batchSize ?? 5_000;
  let previous: AuditEvent | null = null;
  let count = 0;
  let cursor = -1n;
  let pendingContentBreak: AuditEvent | null = null;

  for (;;) {
    const batch: AuditEvent[] = await db.auditEvent.findMany({
      where: { seq: { gt: cursor } },
      orderBy: { seq: 'asc' },
      take: batchSize,
    });
    if (batch.length === 0) break;
    for (const row of batch) {
      const expectedPrev = previous?.hash ?? GENESIS_HASH;
      if (pendingContentBreak) {
        const linksPastIt = row.prevHash === pendingContentBreak.prevHash;
        return failure(count, pendingContentBreak, linksPastIt ? 'inserted' : 'altered');
      }
      if (row.prevHash !== expectedPrev) {
        const kind = await classifyBrokenLink(db, row, previous);
        return failure(count, kind === 'inserted' && previous ? previous : row, kind);
      }
      if (auditEventHash(row.prevHash, contentOf(row)) !== row.hash) {
        pendingContentBreak = row;
      }
      previous = row;
      count += 1;
    }
    cursor = batch[batch.length - 1]!.seq;
  }
  if (pendingContentBreak) return failure(count, pendingContentBreak, 'altered');
  return {
    ok: true,
    count,
    headHash: previous?.hash ?? GENESIS_HASH,
    headSeq: previous?.seq.toString() ?? null,
  };
}

async function classifyBrokenLink(
  db: Db,
  row: AuditEvent,
  previous: AuditEvent | null,
): Promise<AuditBreakKind> {
  const target = await db.auditEvent.findUnique({ where: { hash: row.prevHash }, select: { seq: true } });
  if (!target) return 'deleted';
  if (target.seq > row.seq) return 'reordered';
  return previous && target.seq < previous.seq ? 'inserted' : 'reordered';
}

function failure(count: number, row: AuditEvent, kind: AuditBreakKind): AuditVerification {
  const seq = row.seq.toString();
  const detail = {
    altered: `Event ${seq} does not match its hash: its content was changed after it was written.`,
    deleted: `The event before ${seq} is missing: its link points at a hash no event has.`,
    inserted: `Event ${seq} was not part of the chain: the event after it links past it.`,
    reordered: `Event ${seq} is out of order: it links to an event that is not its predecessor.`,
  }[kind];
  return { ok: false, count, firstBadSeq: seq, kind, detail };
}

export function contentOf(row: AuditEvent): AuditHashContent {
  return {
    seq: row.seq.toString(),
    occurredAt: row.occurredAt.toISOString(),
    actorType: row.actorType,
    actorUserId: row.actorUserId,
    actorTokenId: row.actorTokenId,
    actorLabel: row.actorLabel,
    onBehalfOfUserId: row.onBehalfOfUserId,
    action: row.action,
    resourceType: row.resourceType,
    resourceId: row.resourceId,
    teamId: row.teamId,
    outcome: row.outcome,
    reason: row.reason,
    before: row.before ?? null,
    after: row.after ?? null,
    ip: row.ip,
    userAgent: row.userAgent,
    requestId: row.requestId,
    awsRequestId: row.awsRequestId,
  };
}

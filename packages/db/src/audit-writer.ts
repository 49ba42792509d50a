import type { Actor, RequestMeta } from '@cairn/core/actor';
import { type AuditHashContent, auditEventHash, GENESIS_HASH } from '@cairn/core/audit-hash';
import { redactForAudit } from './audit-redaction';
import type { Tx } from './client';

export type AuditOutcome = 'SUCCESS' | 'DENIED' | 'FAILED';

export interface AuditEventInput {
  actor: Actor;
  request: RequestMeta | null;
  action: string;
  resourceType: string;
  resourceId?: string | null;
  teamId?: string | null;
  outcome: AuditOutcome;
  reason?: string | null;
  before?: unknown;
  after?: unknown;
  awsRequestId?: string | null;
}

// One lock for the whole chain: appends are serialized so every row links to its true predecessor.
const AUDIT_CHAIN_LOCK = 4_2424_2424;

/** Appends one event to the hash chain inside the caller's transaction. */
export async function appendAuditEvent(
  tx: Tx,
  input: AuditEventInput,
): Promise<{ seq: bigint; hash: string }> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`;
  // The chain's head and the next sequence number in one round trip, read under the lock.
  const [allocated] = await tx.$queryRaw<{ head: string | null; seq: bigint }[]>`
    SELECT (SELECT hash FROM "AuditEvent" ORDER BY seq DESC LIMIT 1) AS head,
           nextval(pg_get_serial_sequence('"AuditEvent"', 'seq')) AS seq`;
  if (!allocated) throw new Error('Could not allocate an audit sequence number');
  const prevHash = allocated.head ?? GENESIS_HASH;
  const content = auditContent(allocated.seq, new Date(), input);
  const hash = auditEventHash(prevHash, content);
  await tx.auditEvent.create({
    data: {
      seq: allocated.seq,
      occurredAt: new Date(content.occurredAt),
      actorType: content.actorType as 'USER',
      actorUserId: content.actorUserId,
      actorTokenId: content.actorTokenId,
      actorLabel: content.actorLabel,
      onBehalfOfUserId: content.onBehalfOfUserId,
      action: content.action,
      resourceType: content.resourceType,
      resourceId: content.resourceId,
      teamId: content.teamId,
      outcome: content.outcome as AuditOutcome,
      reason: content.reason,
      before: content.before === null ? undefined : (content.before as object),
      after: content.after === null ? undefined : (content.after as object),
      ip: content.ip,
      userAgent: content.userAgent,
      requestId: content.requestId,
      awsRequestId: content.awsRequestId,
      prevHash,
      hash,
    },
  });
  return { seq: allocated.seq, hash };
}

function auditContent(seq: bigint, at: Date, input: AuditEventInput): AuditHashContent {
  const { actor } = input;
  // Round-trip through JSON so the hashed value is exactly what jsonb gives back on verification.
  const jsonValue = (value: unknown) => {
    const redacted = redactForAudit(value);
    return redacted === null || redacted === undefined ? null : JSON.parse(JSON.stringify(redacted));
  };
  return {
    seq: seq.toString(),
    occurredAt: at.toISOString(),
    actorType: ACTOR_TYPE[actor.kind],
    actorUserId: actor.kind === 'user' || actor.kind === 'apiToken' ? actor.userId : null,
    actorTokenId: actor.kind === 'apiToken' ? actor.tokenId : null,
    actorLabel: actorLabel(actor),
    onBehalfOfUserId: actor.kind === 'worker' ? actor.onBehalfOfUserId : null,
    action: input.action,
    resourceType: input.resourceType,
    resourceId: input.resourceId ?? null,
    teamId: input.teamId ?? null,
    outcome: input.outcome,
    reason: input.reason ?? null,
    before: jsonValue(input.before),
    after: jsonValue(input.after),
    ip: input.request?.ip ?? null,
    userAgent: input.request?.userAgent?.slice(0, 500) ?? null,
    requestId: input.request?.requestId ?? null,
    awsRequestId: input.awsRequestId ?? null,
  };
}

const ACTOR_TYPE = {
  user: 'USER',
  apiToken: 'API_TOKEN',
  worker: 'WORKER',
  system: 'SYSTEM',
  anonymous: 'ANONYMOUS',
} as const satisfies Record<Actor['kind'], string>;

function actorLabel(actor: Actor): string {
  return actor.kind === 'user' ? actor.email : actor.label;
}

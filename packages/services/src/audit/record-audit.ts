import { type AuditEventInput, appendAuditEvent } from '@cairn/db/audit-writer';
import type { Tx } from '@cairn/db/client';
import type { ServiceContext } from '../context';

type EventFields = Omit<AuditEventInput, 'actor' | 'request' | 'outcome'> & {
  outcome?: AuditEventInput['outcome'];
};

/** Audits a successful change by the context's actor, inside the change's own transaction. */
export function recordAudit(tx: Tx, ctx: ServiceContext, event: EventFields) {
  return appendAuditEvent(tx, { actor: ctx.actor, request: ctx.request, outcome: 'SUCCESS', ...event });
}

/** Audits a refused or failed attempt in a transaction of its own (the attempt wrote nothing). */
export function recordAttempt(ctx: ServiceContext, event: EventFields & { outcome: 'DENIED' | 'FAILED' }) {
  return ctx.db.$transaction((tx) =>
    appendAuditEvent(tx, { actor: ctx.actor, request: ctx.request, ...event }),
  );
}

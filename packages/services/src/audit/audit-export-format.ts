import { csvRow } from '@cairn/core/csv';
import type { AuditEvent } from '@cairn/db/generated/prisma/client';

/** The exported columns, in order: every recorded field, hashes included, so an export can be re-verified. */
export const AUDIT_EXPORT_COLUMNS = [
  'seq',
  'occurredAt',
  'actorType',
  'actorLabel',
  'actorUserId',
  'actorTokenId',
  'onBehalfOfUserId',
  'action',
  'resourceType',
  'resourceId',
  'teamId',
  'outcome',
  'reason',
  'before',
  'after',
  'ip',
  'userAgent',
  'requestId',
  'awsRequestId',
  'prevHash',
  'hash',
] as const;

export type AuditExportRecord = Record<(typeof AUDIT_EXPORT_COLUMNS)[number], unknown>;

/** One event as a plain record: seq as a string, time in ISO UTC, before/after as JSON values. */
export function auditExportRecord(row: AuditEvent): AuditExportRecord {
  return {
    seq: row.seq.toString(),
    occurredAt: row.occurredAt.toISOString(),
    actorType: row.actorType,
    actorLabel: row.actorLabel,
    actorUserId: row.actorUserId,
    actorTokenId: row.actorTokenId,
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
    prevHash: row.prevHash,
    hash: row.hash,
  };
}

export const auditCsvHeader = () => csvRow([...AUDIT_EXPORT_COLUMNS]);

/** A CSV record; before and after are JSON text in their cells. */
export function auditCsvLine(record: AuditExportRecord): string {
  return csvRow(
    AUDIT_EXPORT_COLUMNS.map((column) => {
      const value = record[column];
      if (column === 'before' || column === 'after') return value === null ? null : JSON.stringify(value);
      return value as string | null;
    }),
  );
}

/** A JSON Lines record: one object per line. */
export const auditJsonLine = (record: AuditExportRecord) => `${JSON.stringify(record)}\n`;

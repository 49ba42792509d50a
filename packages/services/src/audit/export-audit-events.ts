import type { ExportAuditEventsInput } from '@cairn/core/schemas/audit';
import type { ServiceContext } from '../context';
import { authorizeAuditRead } from './audit-access';
import { auditEventWhere } from './audit-event-where';
import { auditCsvHeader, auditCsvLine, auditExportRecord, auditJsonLine } from './audit-export-format';
import { recordAudit } from './record-audit';

const BATCH = 1_000;

/**
 * The filtered events, oldest first, as CSV or JSON Lines text chunks. Authorized like the list and
 * audited before the first row: the export is bounded by the chain's head at that moment, which
 * the audit event records, so it is a fixed range. Rows are read in keyset batches by seq, so the
 * range is never held in memory.
 */
export async function exportAuditEvents(
  ctx: ServiceContext,
  input: ExportAuditEventsInput,
): Promise<AsyncGenerator<string>> {
  authorizeAuditRead(ctx.actor, input.teamId);
  const head = await ctx.db.auditEvent.findFirst({ orderBy: { seq: 'desc' }, select: { seq: true } });
  const throughSeq = head?.seq ?? 0n;
  const { format, ...filters } = input;
  await ctx.db.$transaction((tx) =>
    recordAudit(tx, ctx, {
      action: 'audit.export',
      resourceType: 'AuditTrail',
      teamId: input.teamId ?? null,
      after: { format, filters, throughSeq: throughSeq.toString() },
    }),
  );
  const where = auditEventWhere(filters);
  const db = ctx.db;
  async function* chunks() {
    if (format === 'csv') yield auditCsvHeader();
    let cursor = 0n;
    for (;;) {
      const batch = await db.auditEvent.findMany({
        where: { ...where, seq: { gt: cursor, lte: throughSeq } },
        orderBy: { seq: 'asc' },
        take: BATCH,
      });
      const last = batch.at(-1);
      if (!last) return;
      const line = format === 'csv' ? auditCsvLine : auditJsonLine;
      yield batch.map((row) => line(auditExportRecord(row))).join('');
      cursor = last.seq;
    }
  }
  return chunks();
}

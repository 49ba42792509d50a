import type { AuditKeys } from '@cairn/db/audit-keys';
import { formatAuditReport } from '@cairn/db/audit-report';
import { verifyAuditIntegrity } from '@cairn/db/audit-verifier';
import type { ServiceContext } from '../context';
import { recordAudit } from './record-audit';

/**
 * Verifies the chain and its signed checkpoints, records that it was checked with the result, and
 * returns the report with the same lines `pnpm audit:verify` prints.
 */
export async function verifyAuditTrail(ctx: ServiceContext, options: { keys?: AuditKeys } = {}) {
  const report = await verifyAuditIntegrity(ctx.db, options.keys ? { keys: options.keys } : {});
  await ctx.db.$transaction((tx) =>
    recordAudit(tx, ctx, {
      action: 'audit.verify',
      resourceType: 'AuditTrail',
      outcome: report.isIntact ? 'SUCCESS' : 'FAILED',
      after: {
        isIntact: report.isIntact,
        eventCount: report.eventCount,
        checkpointCount: report.checkpointCount,
        problemCount: report.problems.length + report.omittedProblemCount,
        problems: report.problems
          .slice(0, 20)
          .map(({ kind, seq, checkpointId }) => ({ kind, seq, checkpointId })),
        durationMs: report.durationMs,
      },
    }),
  );
  return { ...report, lines: formatAuditReport(report), verifiedAt: new Date() };
}

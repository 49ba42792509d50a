import { verifyAuditChain } from '@cairn/db/audit-verifier';
import type { ServiceContext } from '../context';
import { recordAudit } from './record-audit';

/** Verifies the whole chain and records that it was checked, with the result. */
export async function verifyAuditTrail(ctx: ServiceContext) {
  const startedAt = Date.now();
  const result = await verifyAuditChain(ctx.db);
  const durationMs = Date.now() - startedAt;
  await ctx.db.$transaction((tx) =>
    recordAudit(tx, ctx, {
      action: 'audit.verify',
      resourceType: 'AuditTrail',
      outcome: result.ok ? 'SUCCESS' : 'FAILED',
      after: result.ok
        ? { isIntact: true, count: result.count, durationMs }
        : { isIntact: false, firstBadSeq: result.firstBadSeq, kind: result.kind, durationMs },
    }),
  );
  return { ...result, durationMs, verifiedAt: new Date() };
}

import { checkAuditChain } from './audit-chain-check';
import { type AuditChainReader, prismaChainReader } from './audit-chain-reader';
import { checkCheckpoints } from './audit-checkpoint-check';
import { type AuditKeys, NO_AUDIT_KEYS } from './audit-keys';
import { AuditProblems } from './audit-problems';
import type { AuditIntegrityReport } from './audit-report';
import type { Db } from './client';

export interface VerifyAuditOptions {
  /** Public keys for checkpoint signatures; without any, signatures are not checked (and said so). */
  keys?: AuditKeys;
  /** How events are read; through `db` unless given (the CLI reads through a plain pg client). */
  reader?: AuditChainReader;
  now?: Date;
  maxCheckpointGapMs?: number;
  batchSize?: number;
}

/**
 * Verifies the audit trail end to end and reports every problem found: the hash chain (altered,
 * deleted, inserted, reordered events), the checkpoints (signatures, their own chain, missing
 * intervals) and the chain against what the checkpoints sealed (rewritten or truncated).
 */
export async function verifyAuditIntegrity(
  db: Db,
  options: VerifyAuditOptions = {},
): Promise<AuditIntegrityReport> {
  const startedAt = performance.now();
  const reader = options.reader ?? prismaChainReader(db);
  const problems = new AuditProblems();
  const checkpoints = await checkCheckpoints(
    db,
    {
      keys: options.keys ?? NO_AUDIT_KEYS,
      now: options.now ?? new Date(),
      reader,
      ...(options.maxCheckpointGapMs ? { maxGapMs: options.maxCheckpointGapMs } : {}),
    },
    problems,
  );
  const chain = await checkAuditChain(reader, checkpoints.sealed, problems, options.batchSize);
  const { latest } = checkpoints;
  const unsealedEventCount = latest
    ? await db.auditEvent.count({ where: { seq: { gt: latest.headSeq } } })
    : chain.eventCount;
  return {
    isIntact: problems.count === 0,
    eventCount: chain.eventCount,
    headSeq: chain.headSeq,
    headHash: chain.headHash,
    checkpointCount: checkpoints.checkpointCount,
    latestCheckpoint: latest
      ? { id: latest.id, createdAt: latest.createdAt.toISOString(), headSeq: latest.headSeq.toString() }
      : null,
    unsealedEventCount,
    problems: problems.listed,
    omittedProblemCount: problems.omitted,
    notes: checkpoints.notes,
    durationMs: Math.round(performance.now() - startedAt),
  };
}

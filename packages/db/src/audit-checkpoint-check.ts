import { type CheckpointStatement, isCheckpointSignatureValid } from '@cairn/core/audit-checkpoint';
import type { SealedHeads } from './audit-chain-check';
import type { AuditChainReader } from './audit-chain-reader';
import type { AuditKeys } from './audit-keys';
import type { AuditProblems } from './audit-problems';
import type { Db } from './client';

/** Checkpoints come every minute; a longer silence than this is reported as a missing interval. */
export const MAX_CHECKPOINT_GAP_MS = 150_000;

export interface CheckpointSummary {
  checkpointCount: number;
  latest: { id: string; createdAt: Date; headSeq: bigint } | null;
  /** What the checkpoints sealed, for the chain walk to compare with the events. */
  sealed: SealedHeads;
  notes: string[];
}

interface CheckpointRow {
  id: bigint;
  createdAt: Date;
  headSeq: bigint;
  headHash: string;
  prevSignature: string;
  keyId: string;
  signature: string;
}

/**
 * Walks the checkpoints in order: each signature must verify under a known public key, each must
 * chain to the one before, time and head must never go backwards, and no two may be further apart
 * than MAX_CHECKPOINT_GAP_MS (nor the latest that far from `now`).
 */
export async function checkCheckpoints(
  db: Db,
  options: { keys: AuditKeys; now: Date; maxGapMs?: number; reader: AuditChainReader },
  problems: AuditProblems,
): Promise<CheckpointSummary> {
  const maxGapMs = options.maxGapMs ?? MAX_CHECKPOINT_GAP_MS;
  const { verifyKeys } = options.keys;
  const sealed: SealedHeads = new Map();
  const notes: string[] = [];
  const unknownKeyIds = new Set<string>();
  let previous: CheckpointRow | null = null;
  let count = 0;
  let cursor = -1n;
  for (;;) {
    const batch: CheckpointRow[] = await db.auditCheckpoint.findMany({
      where: { id: { gt: cursor } },
      orderBy: { id: 'asc' },
      take: 5_000,
    });
    for (const checkpoint of batch) {
      const id = checkpoint.id.toString();
      count += 1;
      seal(sealed, checkpoint);
      const key = verifyKeys.get(checkpoint.keyId);
      if (key && !isCheckpointSignatureValid(key, statementOf(checkpoint), checkpoint.signature)) {
        problems.add({
          kind: 'bad-signature',
          checkpointId: id,
          detail: `Checkpoint #${id} (${checkpoint.createdAt.toISOString()}) has a signature that does not verify: it was forged or changed.`,
        });
      }
      if (!key && verifyKeys.size > 0 && !unknownKeyIds.has(checkpoint.keyId)) {
        unknownKeyIds.add(checkpoint.keyId);
        problems.add({
          kind: 'unknown-key',
          checkpointId: id,
          detail: `Checkpoint #${id} names key ${checkpoint.keyId}, which is not among the configured public keys: it was signed by a key this install does not trust.`,
        });
      }
      if (checkpoint.prevSignature !== (previous?.signature ?? '')) {
        problems.add({
          kind: 'checkpoint-chain',
          checkpointId: id,
          detail: previous
            ? `Checkpoint #${id} does not chain to checkpoint #${previous.id}: one between them was removed, or one of them forged.`
            : `Checkpoint #${id}, the first one left, chains to an earlier checkpoint that is missing.`,
        });
      }
      if (previous) checkAgainstPrevious(previous, checkpoint, maxGapMs, problems);
      previous = checkpoint;
    }
    const last = batch.at(-1);
    if (!last) break;
    cursor = last.id;
  }
  if (verifyKeys.size === 0 && count > 0) {
    notes.push(
      'No public key is configured (AUDIT_VERIFY_PUBLIC_KEY or AUDIT_SIGNING_KEY): checkpoint signatures were not checked.',
    );
  }
  await checkSilenceUntilNow(previous, options, maxGapMs, problems, notes);
  return {
    checkpointCount: count,
    latest: previous
      ? { id: previous.id.toString(), createdAt: previous.createdAt, headSeq: previous.headSeq }
      : null,
    sealed,
    notes,
  };
}

function checkAgainstPrevious(
  previous: CheckpointRow,
  checkpoint: CheckpointRow,
  maxGapMs: number,
  problems: AuditProblems,
) {
  const id = checkpoint.id.toString();
  const gapMs = checkpoint.createdAt.getTime() - previous.createdAt.getTime();
  if (gapMs < 0) {
    problems.add({
      kind: 'checkpoint-chain',
      checkpointId: id,
      detail: `Checkpoint #${id} is dated before checkpoint #${previous.id}, which precedes it.`,
    });
  } else if (gapMs > maxGapMs) {
    problems.add(missingInterval(previous.createdAt, checkpoint.createdAt, id));
  }
  if (checkpoint.headSeq < previous.headSeq) {
    problems.add({
      kind: 'truncated',
      checkpointId: id,
      seq: previous.headSeq.toString(),
      detail: `Checkpoint #${id} sealed the trail at event #${checkpoint.headSeq}, behind #${previous.headSeq} sealed by checkpoint #${previous.id}: events were removed in between.`,
    });
  }
}

async function checkSilenceUntilNow(
  latest: CheckpointRow | null,
  options: { now: Date; reader: AuditChainReader },
  maxGapMs: number,
  problems: AuditProblems,
  notes: string[],
) {
  if (latest) {
    if (options.now.getTime() - latest.createdAt.getTime() > maxGapMs) {
      problems.add(missingInterval(latest.createdAt, options.now, null));
    }
    return;
  }
  const newest = await options.reader.newest();
  if (!newest) return;
  const occurredAt = new Date(newest.occurredAt);
  if (options.now.getTime() - occurredAt.getTime() > maxGapMs) {
    problems.add({
      kind: 'missing-checkpoints',
      to: options.now.toISOString(),
      detail: `There is no checkpoint at all, though the trail has events up to ${occurredAt.toISOString()}: checkpoints were never written, or all were deleted.`,
    });
  } else {
    notes.push('No checkpoint has been written yet: nothing seals the trail so far.');
  }
}

function missingInterval(from: Date, to: Date, nextCheckpointId: string | null) {
  const minutes = Math.round((to.getTime() - from.getTime()) / 60_000);
  return {
    kind: 'missing-checkpoints' as const,
    from: from.toISOString(),
    to: to.toISOString(),
    ...(nextCheckpointId ? { checkpointId: nextCheckpointId } : {}),
    detail: nextCheckpointId
      ? `No checkpoint from ${from.toISOString()} to ${to.toISOString()} (${minutes} min, before checkpoint #${nextCheckpointId}): checkpoints were stopped or deleted.`
      : `No checkpoint since ${from.toISOString()} (${minutes} min before this verification): checkpoints have stopped.`,
  };
}

function seal(sealed: SealedHeads, checkpoint: CheckpointRow) {
  const seq = checkpoint.headSeq.toString();
  let seals = sealed.get(seq);
  if (!seals) {
    seals = new Map();
    sealed.set(seq, seals);
  }
  if (!seals.has(checkpoint.headHash)) seals.set(checkpoint.headHash, checkpoint.id.toString());
}

function statementOf(checkpoint: CheckpointRow): CheckpointStatement {
  return {
    createdAt: checkpoint.createdAt,
    headSeq: checkpoint.headSeq.toString(),
    headHash: checkpoint.headHash,
    prevSignature: checkpoint.prevSignature,
    keyId: checkpoint.keyId,
  };
}

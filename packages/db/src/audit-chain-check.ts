import { GENESIS_HASH } from '@cairn/core/audit-hash';
import type { AuditChainReader, ChainRow } from './audit-chain-reader';
import type { AuditProblems } from './audit-problems';

/** Chain heads sealed by checkpoints: event seq -> (hash -> first checkpoint id that sealed it). */
export type SealedHeads = Map<string, Map<string, string>>;

export interface ChainSummary {
  eventCount: number;
  headSeq: string | null;
  headHash: string;
}

interface Previous {
  seq: bigint;
  hash: string;
  isMoved: boolean;
}

/**
 * Walks the chain in sequence order (batches small enough to stay in the young generation, so the
 * garbage collector stays cheap) and records every break, not only the first:
 * - content that no longer matches its hash, its link intact: altered;
 * - a link to a hash no event has: the events before it were deleted;
 * - a link past its predecessor to an earlier event: the predecessor was inserted;
 * - a link to an event elsewhere in the chain: reordered (the moved rows, not their neighbours);
 * - an event whose hash differs from what a checkpoint sealed: rewritten after sealing.
 * Sequence gaps alone are normal (rolled-back transactions consume numbers) and not reported.
 */
export async function checkAuditChain(
  reader: AuditChainReader,
  sealed: SealedHeads,
  problems: AuditProblems,
  batchSize = 2_000,
): Promise<ChainSummary> {
  let previous: Previous | null = null;
  let eventCount = 0;
  for await (const batch of reader.batches(batchSize)) {
    for (const row of batch) {
      // The common case, decided without awaiting: linked to its predecessor and unchanged.
      const previousHash: string = previous ? previous.hash : GENESIS_HASH;
      previous =
        row.isContentIntact && row.prevHash === previousHash
          ? { seq: row.seq, hash: row.hash, isMoved: false }
          : await checkRow(reader, row, previous, problems);
      checkSealed(row, sealed, problems);
      eventCount += 1;
    }
  }
  checkUnseenSeals(sealed, previous?.seq ?? 0n, problems);
  return { eventCount, headSeq: previous?.seq.toString() ?? null, headHash: previous?.hash ?? GENESIS_HASH };
}

async function checkRow(
  reader: AuditChainReader,
  row: ChainRow,
  previous: Previous | null,
  problems: AuditProblems,
): Promise<Previous> {
  const seq = row.seq.toString();
  const { isContentIntact } = row;
  const isLinkIntact = row.prevHash === (previous?.hash ?? GENESIS_HASH);
  const current: Previous = { seq: row.seq, hash: row.hash, isMoved: false };
  if (isLinkIntact) {
    if (!isContentIntact) problems.add(altered(seq));
    return current;
  }
  const target = await reader.byHash(row.prevHash);
  if (!target) {
    if (!isContentIntact) problems.add(altered(seq));
    problems.add(deleted(seq, previous));
    return current;
  }
  // Its own seq no longer matches what it was hashed with: this row was moved.
  if (!isContentIntact) {
    problems.add(reordered(seq, target.seq));
    return { ...current, isMoved: true };
  }
  const isTargetMoved = !target.isContentIntact;
  if (previous?.isMoved || isTargetMoved) return current;
  if (previous && target.seq < previous.seq) {
    const insertedSeq = previous.seq.toString();
    problems.retractEvent(insertedSeq);
    problems.add({
      kind: 'inserted',
      seq: insertedSeq,
      detail: `Event #${insertedSeq} was not part of the chain: event #${seq} links past it to #${target.seq}.`,
    });
    return current;
  }
  problems.add(reordered(seq, target.seq));
  return current;
}

function checkSealed(row: ChainRow, sealed: SealedHeads, problems: AuditProblems) {
  const seq = row.seq.toString();
  const seals = sealed.get(seq);
  if (!seals) return;
  sealed.delete(seq);
  for (const [hash, checkpointId] of seals) {
    if (hash === row.hash) continue;
    problems.add({
      kind: 'checkpoint-mismatch',
      seq,
      checkpointId,
      detail: `Checkpoint #${checkpointId} sealed event #${seq} with hash ${hash.slice(0, 16)}…, which now has ${row.hash.slice(0, 16)}…: the chain up to it was rewritten.`,
    });
  }
}

/** Sealed events the walk never met: removed from the end (truncated) or from the middle. */
function checkUnseenSeals(sealed: SealedHeads, lastSeq: bigint, problems: AuditProblems) {
  const unseen = [...sealed.entries()].sort((a, b) => (BigInt(a[0]) < BigInt(b[0]) ? -1 : 1));
  for (const [seq, seals] of unseen) {
    for (const [hash, checkpointId] of seals) {
      if (seq === '0' && hash === GENESIS_HASH) continue;
      problems.add(
        BigInt(seq) > lastSeq
          ? {
              kind: 'truncated',
              seq,
              checkpointId,
              detail: `Checkpoint #${checkpointId} sealed the trail up to event #${seq}, but it ends at #${lastSeq}: events were removed from its end.`,
            }
          : {
              kind: 'deleted',
              seq,
              checkpointId,
              detail: `Event #${seq}, sealed by checkpoint #${checkpointId}, is missing.`,
            },
      );
    }
  }
}

function altered(seq: string) {
  return {
    kind: 'altered' as const,
    seq,
    detail: `Event #${seq} does not match its hash: its content was changed after it was written.`,
  };
}

function deleted(seq: string, previous: Previous | null) {
  const where = previous ? `between #${previous.seq} and #${seq}` : `before #${seq}, the first event left`;
  return {
    kind: 'deleted' as const,
    seq,
    detail: `Events ${where} are missing: #${seq} links to a hash no event has.`,
  };
}

function reordered(seq: string, targetSeq: bigint) {
  return {
    kind: 'reordered' as const,
    seq,
    detail: `Event #${seq} is out of order: it links to event #${targetSeq}, which is not its predecessor.`,
  };
}

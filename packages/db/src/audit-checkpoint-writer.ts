import type { KeyObject } from 'node:crypto';
import { type CheckpointStatement, checkpointKeyId, signCheckpoint } from '@cairn/core/audit-checkpoint';
import { GENESIS_HASH } from '@cairn/core/audit-hash';
import type { PrismaClient } from './client';

// Serializes checkpoint writers across worker replicas, so the checkpoint chain never forks.
const CHECKPOINT_LOCK = 4_2424_2425;

export interface WriteCheckpointOptions {
  signingKey: KeyObject;
  now?: Date;
  /** Another replica's checkpoint younger than this makes this one unnecessary. */
  minIntervalMs?: number;
}

export type WrittenCheckpoint = CheckpointStatement & { id: bigint; signature: string };

/**
 * Signs the audit chain's committed head, chained to the latest checkpoint, and appends it. Returns
 * null when another writer made one less than `minIntervalMs` ago.
 */
export async function writeAuditCheckpoint(
  db: PrismaClient,
  { signingKey, now = new Date(), minIntervalMs = 0 }: WriteCheckpointOptions,
): Promise<WrittenCheckpoint | null> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CHECKPOINT_LOCK})`;
    const previous = await tx.auditCheckpoint.findFirst({ orderBy: { id: 'desc' } });
    if (previous && now.getTime() - previous.createdAt.getTime() < minIntervalMs) return null;
    // Appends commit in sequence order under the chain's lock, so the newest committed row is a head.
    const head = await tx.auditEvent.findFirst({
      orderBy: { seq: 'desc' },
      select: { seq: true, hash: true },
    });
    const statement: CheckpointStatement = {
      createdAt: now,
      headSeq: (head?.seq ?? 0n).toString(),
      headHash: head?.hash ?? GENESIS_HASH,
      prevSignature: previous?.signature ?? '',
      keyId: checkpointKeyId(signingKey),
    };
    const signature = signCheckpoint(signingKey, statement);
    const row = await tx.auditCheckpoint.create({
      data: { ...statement, headSeq: BigInt(statement.headSeq), signature },
      select: { id: true },
    });
    return { ...statement, id: row.id, signature };
  });
}

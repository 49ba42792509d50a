import type { KeyObject } from 'node:crypto';
import { type WrittenCheckpoint, writeAuditCheckpoint } from '@cairn/db/audit-checkpoint-writer';
import type { PrismaClient } from '@cairn/db/client';
import { type RepeatingTask, repeatEvery } from './repeat-every';

export interface AuditCheckpointsOptions {
  db: PrismaClient;
  signingKey: KeyObject;
  intervalMs: number;
  onWritten?: (checkpoint: WrittenCheckpoint) => void;
  /** A failed checkpoint is reported, not thrown: the next tick retries, the verifier shows the gap. */
  onError?: (error: unknown) => void;
}

export type AuditCheckpoints = RepeatingTask;

/**
 * Seals the audit chain's head with a signed checkpoint now and every `intervalMs`, whether or not
 * anything happened. Replicas share the work: a checkpoint younger than most of an interval
 * (another replica's) makes this tick skip.
 */
export function startAuditCheckpoints(options: AuditCheckpointsOptions): AuditCheckpoints {
  const { db, signingKey, intervalMs, onWritten, onError } = options;
  async function write() {
    try {
      const written = await writeAuditCheckpoint(db, { signingKey, minIntervalMs: intervalMs * 0.8 });
      if (written) onWritten?.(written);
    } catch (error) {
      onError?.(error);
    }
  }

  return repeatEvery(intervalMs, write);
}

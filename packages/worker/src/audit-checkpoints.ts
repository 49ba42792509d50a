import type { KeyObject } from 'node:crypto';
import { type WrittenCheckpoint, writeAuditCheckpoint } from '@cairn/db/audit-checkpoint-writer';
import type { PrismaClient } from '@cairn/db/client';

export interface AuditCheckpointsOptions {
  db: PrismaClient;
  signingKey: KeyObject;
  intervalMs: number;
  onWritten?: (checkpoint: WrittenCheckpoint) => void;
  /** A failed checkpoint is reported, not thrown: the next tick retries, the verifier shows the gap. */
  onError?: (error: unknown) => void;
}

export interface AuditCheckpoints {
  stop(): Promise<void>;
}

/**
 * Seals the audit chain's head with a signed checkpoint now and every `intervalMs`, whether or not
 * anything happened. Replicas share the work: a checkpoint younger than most of an interval
 * (another replica's) makes this tick skip.
 */
export function startAuditCheckpoints(options: AuditCheckpointsOptions): AuditCheckpoints {
  const { db, signingKey, intervalMs, onWritten, onError } = options;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();
  let isStopped = false;

  async function write() {
    try {
      const written = await writeAuditCheckpoint(db, { signingKey, minIntervalMs: intervalMs * 0.8 });
      if (written) onWritten?.(written);
    } catch (error) {
      onError?.(error);
    }
  }

  // Like the heartbeat: a timeout chain, so a slow database never stacks up overlapping writes.
  function tick() {
    inFlight = write().then(() => {
      if (!isStopped) timer = setTimeout(tick, intervalMs);
    });
  }
  tick();

  return {
    async stop() {
      isStopped = true;
      clearTimeout(timer);
      await inFlight;
    },
  };
}

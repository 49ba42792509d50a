import { hostname } from 'node:os';
import type { PrismaClient } from '@cairn/db/client';
import { type RepeatingTask, repeatEvery } from './repeat-every';

export interface HeartbeatOptions {
  db: Pick<PrismaClient, 'workerHeartbeat'>;
  /** Unique per process: restarts and replicas each get their own row. */
  workerId: string;
  intervalMs: number;
  /** A failed beat is reported, not thrown: the next beat retries, and health shows the gap. */
  onError?: (error: unknown) => void;
}

export type Heartbeat = RepeatingTask;

/** Upserts this worker's WorkerHeartbeat row now and every `intervalMs` until stopped. */
export function startHeartbeat({ db, workerId, intervalMs, onError }: HeartbeatOptions): Heartbeat {
  const identity = { hostname: hostname(), pid: process.pid, startedAt: new Date() };
  async function beat() {
    const seenAt = new Date();
    try {
      await db.workerHeartbeat.upsert({
        where: { id: workerId },
        create: { id: workerId, ...identity, seenAt },
        update: { seenAt },
      });
    } catch (error) {
      onError?.(error);
    }
  }

  return repeatEvery(intervalMs, beat);
}

import type { PrismaClient } from '@cairn/db/client';
import { migrationStatus } from '@cairn/db/migration-status';

/** A worker counts as running when its heartbeat (every 10 s by default) is at most this old. */
export const WORKER_READY_WITHIN_MS = 60_000;
const CHECK_TIMEOUT_MS = 3_000;

export type ReadinessCheck = { ok: true; [detail: string]: unknown } | { ok: false; error: string };

export interface Readiness {
  isReady: boolean;
  checks: { database: ReadinessCheck; migrations: ReadinessCheck; worker: ReadinessCheck };
}

export interface ReadinessOptions {
  db: Pick<PrismaClient, '$queryRaw' | 'workerHeartbeat'>;
  /** prisma/migrations as this build ships it. */
  migrationsDir: string;
  now?: Date;
}

/**
 * Whether this instance should receive traffic: the database answers, every migration the build
 * ships is applied, and a worker beat within the last minute. Each check says why it failed.
 */
export async function getReadiness({
  db,
  migrationsDir,
  now = new Date(),
}: ReadinessOptions): Promise<Readiness> {
  const database = await check(async () => {
    const startedAt = Date.now();
    await db.$queryRaw`SELECT 1`;
    return { ok: true, latencyMs: Date.now() - startedAt };
  });
  if (!database.ok) {
    const skipped: ReadinessCheck = { ok: false, error: 'database unreachable' };
    return { isReady: false, checks: { database, migrations: skipped, worker: skipped } };
  }
  const [migrations, worker] = await Promise.all([
    check(async () => {
      const status = await migrationStatus(db, migrationsDir);
      if (status.isUpToDate) return { ok: true, applied: status.applied, shipped: status.shipped };
      return { ok: false, error: `${status.pending.length} pending: ${status.pending.join(', ')}` };
    }),
    check(async () => {
      const heartbeat = await db.workerHeartbeat.findFirst({ orderBy: { seenAt: 'desc' } });
      if (!heartbeat) return { ok: false, error: 'no worker heartbeat recorded' };
      const ageMs = now.getTime() - heartbeat.seenAt.getTime();
      if (ageMs > WORKER_READY_WITHIN_MS) {
        return { ok: false, error: `last worker heartbeat ${Math.round(ageMs / 1000)} s ago` };
      }
      return { ok: true, lastSeenAt: heartbeat.seenAt.toISOString() };
    }),
  ]);
  return { isReady: migrations.ok && worker.ok, checks: { database, migrations, worker } };
}

async function check(run: () => Promise<ReadinessCheck>): Promise<ReadinessCheck> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<ReadinessCheck>((resolve) => {
    timer = setTimeout(
      () => resolve({ ok: false, error: `no answer within ${CHECK_TIMEOUT_MS} ms` }),
      CHECK_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([run(), timeout]);
  } catch (error) {
    // The first line only: driver errors can carry the connection string on later lines.
    return {
      ok: false,
      error: error instanceof Error ? (error.message.split('\n')[0] ?? 'failed') : 'failed',
    };
  } finally {
    clearTimeout(timer);
  }
}

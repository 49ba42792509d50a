import type { PrismaClient } from '@cairn/db/client';

const WORKER_FRESH_MS = 30_000;

/** Database reachability and the freshest worker heartbeat. */
export async function getHealth(db: PrismaClient) {
  const startedAt = Date.now();
  try {
    await db.$queryRaw`SELECT 1`;
  } catch (error) {
    return {
      database: { ok: false, error: error instanceof Error ? error.message.split('\n')[0] : 'unreachable' },
      worker: { ok: false, lastSeenAt: null },
    };
  }
  const latencyMs = Date.now() - startedAt;
  const heartbeat = await db.workerHeartbeat.findFirst({ orderBy: { seenAt: 'desc' } });
  const isWorkerFresh = !!heartbeat && Date.now() - heartbeat.seenAt.getTime() < WORKER_FRESH_MS;
  return {
    database: { ok: true, latencyMs },
    worker: { ok: isWorkerFresh, lastSeenAt: heartbeat?.seenAt ?? null },
  };
}

import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@cairn/db/testing/test-database';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startHeartbeat } from './heartbeat';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const INTERVAL_MS = 200;
// Generous: the first query opens the pool, which is slow on a loaded CI machine.
const WAIT = { timeout: 10_000, interval: 50 };

function readRow(workerId: string) {
  return t.db.workerHeartbeat.findUnique({ where: { id: workerId } });
}

describe('startHeartbeat', () => {
  it('writes its row at once and advances seenAt every interval', async () => {
    const workerId = `test:${randomUUID()}`;
    const startedAt = Date.now();
    const heartbeat = startHeartbeat({ db: t.db, workerId, intervalMs: INTERVAL_MS });
    try {
      const first = await vi.waitFor(async () => {
        const row = await readRow(workerId);
        expect(row).not.toBeNull();
        return row!;
      }, WAIT);
      expect(first.pid).toBe(process.pid);
      expect(first.seenAt.getTime()).toBeGreaterThanOrEqual(startedAt - 1_000);
      expect(Date.now() - first.seenAt.getTime()).toBeLessThan(5_000);

      const later = await vi.waitFor(async () => {
        const row = (await readRow(workerId))!;
        expect(row.seenAt.getTime()).toBeGreaterThan(first.seenAt.getTime());
        return row;
      }, WAIT);
      expect(later.startedAt).toEqual(first.startedAt);
    } finally {
      await heartbeat.stop();
    }
  });

  it('stops writing once stopped', async () => {
    const workerId = `test:${randomUUID()}`;
    const heartbeat = startHeartbeat({ db: t.db, workerId, intervalMs: INTERVAL_MS });
    await vi.waitFor(async () => expect(await readRow(workerId)).not.toBeNull(), WAIT);
    await heartbeat.stop();
    const stoppedAt = (await readRow(workerId))!.seenAt;
    await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS * 3));
    expect((await readRow(workerId))!.seenAt).toEqual(stoppedAt);
  });
});

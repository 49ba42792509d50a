import { describe, expect, it } from 'vitest';
import { createShutdown } from './shutdown';

function harness(steps: { name: string; run: () => Promise<void> | void }[], deadlineMs = 1_000) {
  const events: string[] = [];
  const exits: number[] = [];
  const shutdown = createShutdown({
    steps,
    deadlineMs,
    log: {
      info: (_fields, message) => events.push(`info: ${message}`),
      error: (_fields, message) => events.push(`error: ${message}`),
    },
    exit: (code) => exits.push(code),
  });
  return { shutdown, events, exits };
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('createShutdown', () => {
  it('stops taking work, lets in-flight work finish, closes the pool last, then exits 0', async () => {
    const order: string[] = [];
    let isJobFinished = false;
    const { shutdown, exits } = harness([
      { name: 'heartbeat', run: () => void order.push('heartbeat') },
      {
        name: 'queue',
        run: async () => {
          order.push('queue: no new jobs');
          await wait(50);
          isJobFinished = true;
          order.push('queue: in-flight job done');
        },
      },
      {
        name: 'database',
        run: () => {
          expect(isJobFinished).toBe(true);
          order.push('database');
        },
      },
    ]);
    await shutdown('SIGTERM');
    expect(order).toEqual(['heartbeat', 'queue: no new jobs', 'queue: in-flight job done', 'database']);
    expect(exits).toEqual([0]);
  });

  it('runs once however many signals arrive', async () => {
    let runs = 0;
    const { shutdown, exits } = harness([{ name: 'queue', run: () => void runs++ }]);
    await Promise.all([shutdown('SIGTERM'), shutdown('SIGINT'), shutdown('SIGTERM')]);
    expect(runs).toBe(1);
    expect(exits).toEqual([0]);
  });

  it('exits 1 when a step fails, without running the rest', async () => {
    let isDatabaseClosed = false;
    const { shutdown, exits, events } = harness([
      { name: 'queue', run: () => Promise.reject(new Error('connection lost')) },
      {
        name: 'database',
        run: () => {
          isDatabaseClosed = true;
        },
      },
    ]);
    await shutdown('SIGTERM');
    expect(exits).toEqual([1]);
    expect(isDatabaseClosed).toBe(false);
    expect(events).toContain('error: shutdown step failed');
  });

  it('exits 1 at the deadline when a step hangs', async () => {
    const { shutdown, exits, events } = harness(
      [{ name: 'queue', run: () => new Promise<void>(() => {}) }],
      50,
    );
    const startedAt = Date.now();
    await shutdown('SIGTERM');
    expect(Date.now() - startedAt).toBeLessThan(1_000);
    expect(exits).toEqual([1]);
    expect(events).toContain('error: worker did not stop within its deadline');
  });
});

import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';
import { type ChainRow, readChainRows } from './audit-chain-reader';

/** What one worker reads: every `workerCount`-th window of `windowSize` sequence numbers. */
export interface ChainWindowsJob {
  connectionString: string;
  /** Windows start after this seq: window k holds (lowSeq + k * windowSize, lowSeq + (k + 1) * windowSize]. */
  lowSeq: string;
  highSeq: string;
  windowSize: number;
  workerIndex: number;
  workerCount: number;
  /** Windows sent and not yet taken by the main thread, at most. */
  windowsAhead: number;
}

export type ChainWindowMessage =
  | { kind: 'window'; rows: ChainRow[] }
  | { kind: 'done' }
  | { kind: 'error'; message: string };

async function readWindows(job: ChainWindowsJob, port: NonNullable<typeof parentPort>) {
  let unacknowledged = 0;
  let wake: (() => void) | null = null;
  port.on('message', () => {
    unacknowledged -= 1;
    wake?.();
  });
  const client = new pg.Client({ connectionString: job.connectionString });
  await client.connect();
  try {
    const query = async <T>(sql: string, params: unknown[]) => (await client.query(sql, params)).rows as T[];
    const low = BigInt(job.lowSeq);
    const high = BigInt(job.highSeq);
    const size = BigInt(job.windowSize);
    for (let k = BigInt(job.workerIndex); low + k * size < high; k += BigInt(job.workerCount)) {
      const rows = await readChainRows(query, low + k * size, job.windowSize, low + (k + 1n) * size);
      port.postMessage({ kind: 'window', rows } satisfies ChainWindowMessage);
      unacknowledged += 1;
      while (unacknowledged >= job.windowsAhead) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = null;
      }
    }
    port.postMessage({ kind: 'done' } satisfies ChainWindowMessage);
  } finally {
    await client.end();
  }
}

if (parentPort) {
  const port = parentPort;
  readWindows(workerData as ChainWindowsJob, port).then(
    () => port.close(),
    (error: unknown) => {
      port.postMessage({
        kind: 'error',
        message: error instanceof Error ? error.message : String(error),
      } satisfies ChainWindowMessage);
      port.close();
    },
  );
}

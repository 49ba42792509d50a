import { Worker } from 'node:worker_threads';
import { type AuditChainReader, type ChainRow, sqlChainReader } from './audit-chain-reader';
import type { ChainWindowMessage, ChainWindowsJob } from './audit-chain-worker';

type Query = <T>(sql: string, params: unknown[]) => Promise<T[]>;

export interface ParallelChainReaderOptions {
  /** Where the worker threads connect (each opens one connection). */
  connectionString: string;
  /** The main thread's own queries (bounds, lookups by hash, the newest event). */
  query: Query;
  /** Worker threads reading and hashing; two by default. */
  workers?: number;
}

/** One worker's windows, in the order it sends them. */
class WindowStream {
  private readonly arrived: ChainWindowMessage[] = [];
  private waiting: { resolve: (message: ChainWindowMessage) => void; reject: (error: Error) => void } | null =
    null;
  private failure: Error | null = null;

  constructor(private readonly worker: Worker) {
    worker.on('message', (message: ChainWindowMessage) => {
      if (this.waiting) {
        this.waiting.resolve(message);
        this.waiting = null;
      } else {
        this.arrived.push(message);
      }
    });
    const fail = (error: Error) => {
      this.failure ??= error;
      this.waiting?.reject(error);
      this.waiting = null;
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (code !== 0) fail(new Error(`an audit chain reader thread stopped with exit code ${code}`));
    });
  }

  next(): Promise<ChainWindowMessage> {
    const message = this.arrived.shift();
    if (message) return Promise.resolve(message);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
    });
  }

  /** Tells the worker a window was taken, so it may read further ahead. */
  taken() {
    this.worker.postMessage('taken');
  }
}

/**
 * Reads the chain with worker threads: the sequence range is cut into windows of `size` sequence
 * numbers, dealt round-robin to the workers, each of which reads its windows over its own
 * connection and hashes them (the expensive part of verifying), a few windows ahead of the main
 * thread, which takes the windows back in order. On two cores a million events verify in about
 * half the time one thread takes.
 */
export function parallelChainReader(options: ParallelChainReaderOptions): AuditChainReader {
  const lookups = sqlChainReader(options.query);
  const workerCount = Math.max(1, options.workers ?? 2);
  return {
    byHash: lookups.byHash,
    newest: lookups.newest,
    async *batches(size) {
      const [bounds] = await options.query<{ low: string | null; high: string | null }>(
        'SELECT (min(seq) - 1)::text AS low, max(seq)::text AS high FROM "AuditEvent"',
        [],
      );
      if (!bounds?.low || !bounds.high) return;
      const streams = Array.from({ length: workerCount }, (_, workerIndex) => {
        const job: ChainWindowsJob = {
          connectionString: options.connectionString,
          lowSeq: bounds.low as string,
          highSeq: bounds.high as string,
          windowSize: size,
          workerIndex,
          workerCount,
          windowsAhead: 4,
        };
        const worker = new Worker(new URL('./audit-chain-worker-boot.mjs', import.meta.url), {
          workerData: {
            ...job,
            entryUrl: new URL('./audit-chain-worker.ts', import.meta.url).href,
          },
          execArgv: [],
        });
        return { worker, stream: new WindowStream(worker) };
      });
      try {
        for (let k = 0; ; k += 1) {
          const { stream } = streams[k % workerCount] as (typeof streams)[number];
          const message = await stream.next();
          if (message.kind === 'error') throw new Error(`reading the audit chain failed: ${message.message}`);
          if (message.kind === 'done') return;
          stream.taken();
          if (message.rows.length > 0) yield message.rows satisfies ChainRow[];
        }
      } finally {
        await Promise.all(streams.map(({ worker }) => worker.terminate()));
      }
    },
  };
}

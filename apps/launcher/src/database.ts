import { join } from 'node:path';
import { startEmbeddedPostgres } from '@cairn/db/embedded-postgres';
import pg from 'pg';

export interface DemoDatabase {
  url: string;
  isEmbedded: boolean;
  stop(): Promise<void>;
}

const EMBEDDED_DATABASE = 'cairn';

/**
 * DATABASE_URL when given; otherwise the embedded Postgres under the data folder, reused across
 * runs. When a running demo already serves it (say `pnpm audit:verify` beside `pnpm demo`), connect
 * to that server instead of starting a second one, and leave it running.
 */
export async function openDemoDatabase(options: {
  databaseUrl: string | undefined;
  dataDir: string;
  port: number;
  log: (line: string) => void;
}): Promise<DemoDatabase> {
  if (options.databaseUrl) {
    return { url: options.databaseUrl, isEmbedded: false, stop: async () => {} };
  }
  const runningUrl = `postgresql://cairn:cairn@127.0.0.1:${options.port}/${EMBEDDED_DATABASE}`;
  if (await isReachable(runningUrl)) {
    options.log(`Using the embedded Postgres already running on port ${options.port}.`);
    return { url: runningUrl, isEmbedded: true, stop: async () => {} };
  }
  options.log(`Starting the embedded Postgres (data in ${join(options.dataDir, 'pg')}) ...`);
  const server = await startEmbeddedPostgres({
    dataDir: join(options.dataDir, 'pg'),
    port: options.port,
    database: EMBEDDED_DATABASE,
  });
  return { url: server.url, isEmbedded: true, stop: () => server.stop() };
}

async function isReachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

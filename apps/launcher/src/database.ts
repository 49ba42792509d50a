import { join } from 'node:path';
import { type RunningPostgres, startEmbeddedPostgres } from '@cairn/db/embedded-postgres';

export interface DemoDatabase {
  url: string;
  isEmbedded: boolean;
  stop(): Promise<void>;
}

/** DATABASE_URL when given; otherwise the embedded Postgres under the data folder, reused across runs. */
export async function openDemoDatabase(options: {
  databaseUrl: string | undefined;
  dataDir: string;
  port: number;
  log: (line: string) => void;
}): Promise<DemoDatabase> {
  if (options.databaseUrl) {
    return { url: options.databaseUrl, isEmbedded: false, stop: async () => {} };
  }
  options.log(`Starting the embedded Postgres (data in ${join(options.dataDir, 'pg')}) ...`);
  const server: RunningPostgres = await startEmbeddedPostgres({
    dataDir: join(options.dataDir, 'pg'),
    port: options.port,
    database: 'cairn',
  });
  return { url: server.url, isEmbedded: true, stop: () => server.stop() };
}

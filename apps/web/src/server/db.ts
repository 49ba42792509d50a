import 'server-only';
import { createPrismaClient, type PrismaClient } from '@cairn/db/client';
import { env } from '~/env';

// One pool per server process. Dev hot reloads re-evaluate this module, so the client lives on
// globalThis instead of leaking a new pool on every edit.
const globalForDb = globalThis as unknown as { cairnDb?: PrismaClient };

export const db: PrismaClient =
  globalForDb.cairnDb ?? createPrismaClient({ connectionString: env.databaseUrl });

globalForDb.cairnDb = db;

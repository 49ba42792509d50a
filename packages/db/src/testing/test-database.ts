import { createPrismaClient, type PrismaClient } from '../client';
import { randomDatabaseName, TEMPLATE_DATABASE, withAdmin, withDatabase } from './test-server';

export interface TestDatabase {
  url: string;
  db: PrismaClient;
  drop(): Promise<void>;
}

function adminUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    throw new Error(
      'TEST_DATABASE_URL is not set: run tests through vitest (its global setup starts a server)',
    );
  }
  return url;
}

/** A fresh, migrated database of its own for one test file, cloned from the template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const admin = adminUrl();
  const name = randomDatabaseName('cairn_test');
  await withAdmin(admin, (client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`));
  const url = withDatabase(admin, name);
  const db = createPrismaClient({ connectionString: url, maxConnections: 5 });
  return {
    url,
    db,
    async drop() {
      await db.$disconnect();
      await withAdmin(admin, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

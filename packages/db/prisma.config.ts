import { defineConfig } from 'prisma/config';

// The CLI reads DATABASE_URL only for migrate commands; generate needs no database.
export default defineConfig({
  schema: '../../prisma/schema.prisma',
  // CAIRN_MIGRATIONS_DIR lets tests apply a copy of the history with an extra migration.
  migrations: {
    path: process.env.CAIRN_MIGRATIONS_DIR ?? '../../prisma/migrations',
    seed: 'tsx ../../prisma/seed.ts',
  },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/unused' },
});

import { defineConfig } from 'prisma/config';

// The CLI reads DATABASE_URL only for migrate commands; generate needs no database.
export default defineConfig({
  schema: '../../prisma/schema.prisma',
  migrations: { path: '../../prisma/migrations', seed: 'tsx ../../prisma/seed.ts' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/unused' },
});

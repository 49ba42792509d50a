import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { PrismaClient } from './client';

export interface MigrationStatus {
  /** Every migration this build ships is applied (newer ones from a later release are fine). */
  isUpToDate: boolean;
  shipped: number;
  applied: number;
  /** Shipped but not applied (or failed, or rolled back): the build needs `migrate deploy` first. */
  pending: string[];
}

/** The migration folder names of a prisma/migrations directory, oldest first. */
export async function shippedMigrations(migrationsDir: string): Promise<string[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory() && existsSync(join(migrationsDir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort();
}

/** Migrations Prisma finished and did not roll back; empty when `migrate deploy` never ran. */
export async function appliedMigrations(db: Pick<PrismaClient, '$queryRaw'>): Promise<string[]> {
  const [table] = await db.$queryRaw<{ exists: boolean }[]>`
    SELECT to_regclass('_prisma_migrations') IS NOT NULL AS "exists"`;
  if (!table?.exists) return [];
  const rows = await db.$queryRaw<{ migration_name: string }[]>`
    SELECT migration_name FROM _prisma_migrations
    WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
  return rows.map((row) => row.migration_name);
}

/** Compares the migrations this build ships with those the database has applied. */
export async function migrationStatus(
  db: Pick<PrismaClient, '$queryRaw'>,
  migrationsDir: string,
): Promise<MigrationStatus> {
  const [shipped, applied] = await Promise.all([shippedMigrations(migrationsDir), appliedMigrations(db)]);
  const appliedNames = new Set(applied);
  const pending = shipped.filter((name) => !appliedNames.has(name));
  return { isUpToDate: pending.length === 0, shipped: shipped.length, applied: appliedNames.size, pending };
}

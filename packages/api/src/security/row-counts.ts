import type { PrismaClient } from '@cairn/db/client';

/** Tables a refused call may still write to: the audit log records the refusal itself. */
const REFUSAL_MAY_WRITE = new Set(['public.AuditEvent', 'public._prisma_migrations']);

export type RowCounts = Record<string, number>;

/**
 * Row counts of every table a procedure could write, the job queue's included, plus the audit
 * events that are not refusals; comparing two snapshots shows whether a refused call wrote.
 */
export async function countRows(db: PrismaClient): Promise<RowCounts> {
  const tables = await db.$queryRaw<{ name: string }[]>`
    SELECT format('%I.%I', table_schema, table_name) AS name
    FROM information_schema.tables
    WHERE table_type = 'BASE TABLE'
      AND (table_schema = 'public' OR table_name = 'job')
    ORDER BY 1`;
  const counted = tables.filter(({ name }) => !REFUSAL_MAY_WRITE.has(name.replaceAll('"', '')));
  const selects = counted.map(
    ({ name }) => `SELECT '${name.replaceAll("'", "''")}' AS name, count(*)::int AS n FROM ${name}`,
  );
  selects.push(
    `SELECT 'AuditEvent (not DENIED)' AS name, count(*)::int AS n FROM "AuditEvent" WHERE outcome <> 'DENIED'`,
  );
  const rows = await db.$queryRawUnsafe<{ name: string; n: number }[]>(selects.join(' UNION ALL '));
  return Object.fromEntries(rows.map((row) => [row.name, row.n]));
}

/** The tables whose count changed between two snapshots, as "table: before -> after". */
export function changedCounts(before: RowCounts, after: RowCounts): string[] {
  return Object.keys({ ...before, ...after })
    .filter((name) => before[name] !== after[name])
    .map((name) => `${name}: ${before[name]} -> ${after[name]}`);
}

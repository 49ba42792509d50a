import type pg from 'pg';

/** A column and the Postgres array type its values are sent as, e.g. `['teamId', 'uuid']`. */
export type Column = readonly [name: string, type: string];

/**
 * Inserts rows made in TypeScript, 5,000 to a statement, as one array parameter per column
 * (`INSERT ... SELECT FROM unnest(...)`), so a statement's parameter count does not grow with its rows.
 */
export async function insertRows(
  client: pg.Client,
  table: string,
  columns: readonly Column[],
  rows: readonly unknown[][],
): Promise<void> {
  const names = columns.map(([name]) => `"${name}"`).join(', ');
  const arrays = columns.map(([, type], c) => `$${c + 1}::${type}[]`).join(', ');
  for (let first = 0; first < rows.length; first += 5_000) {
    const batch = rows.slice(first, first + 5_000);
    await client.query(
      `INSERT INTO "${table}" (${names}) SELECT * FROM unnest(${arrays})`,
      columns.map((_, c) => batch.map((row) => row[c] ?? null)),
    );
  }
}

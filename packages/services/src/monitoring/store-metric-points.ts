import type { PrismaClient, Tx } from '@cairn/db/client';

export interface MetricPointRow {
  metric: string;
  /** '' for the endpoint as a whole. */
  variant: string;
  minute: Date;
  value: number;
}

/**
 * Upserts a deployment's collected minutes in one statement: a minute read again (the current one
 * fills in as it goes) replaces its value, so collecting twice stores each minute once.
 */
export async function storeMetricPoints(
  db: PrismaClient | Tx,
  deploymentId: string,
  rows: readonly MetricPointRow[],
): Promise<number> {
  if (rows.length === 0) return 0;
  // One row per key: a repeated key in one INSERT ... ON CONFLICT is an error in Postgres.
  const unique = new Map(rows.map((row) => [`${row.metric}|${row.variant}|${row.minute.getTime()}`, row]));
  const values = [...unique.values()];
  return db.$executeRaw`
    INSERT INTO "DeploymentMetricPoint" ("deploymentId", metric, variant, minute, value)
    SELECT ${deploymentId}::uuid, metric, variant, minute, value
    FROM unnest(
      ${values.map((row) => row.metric)}::text[],
      ${values.map((row) => row.variant)}::text[],
      ${values.map((row) => row.minute)}::timestamptz[],
      ${values.map((row) => row.value)}::float8[]
    ) AS t(metric, variant, minute, value)
    ON CONFLICT ("deploymentId", metric, variant, minute) DO UPDATE SET value = EXCLUDED.value`;
}

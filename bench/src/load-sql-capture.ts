import { PrismaClient } from '@cairn/db/client';
import { PrismaPg } from '@prisma/adapter-pg';
import type pg from 'pg';
import { callerAs, callPath } from './load-caller';
import { percentile } from './measure';

export interface CapturedStatement {
  sql: string;
  params: unknown[];
}

const TRANSACTION_CONTROL = /^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\b/i;

/**
 * The SQL one request for the query sends, in order: the session lookup the context makes,
 * the authorization checks and the service's own statements, as Prisma logs them.
 */
export async function captureQuerySql(
  databaseUrl: string,
  userId: string,
  path: string,
  input: unknown,
): Promise<CapturedStatement[]> {
  const db = new PrismaClient({
    adapter: new PrismaPg({ connectionString: databaseUrl, max: 2 }),
    log: [{ emit: 'event', level: 'query' }],
  });
  const statements: CapturedStatement[] = [];
  db.$on('query', (event) => {
    if (!TRANSACTION_CONTROL.test(event.query))
      statements.push({ sql: event.query, params: JSON.parse(event.params) as unknown[] });
  });
  try {
    const caller = await callerAs(db, userId);
    await callPath(caller, path, input);
    return statements;
  } finally {
    await db.$disconnect();
  }
}

/** p50 of running the statements one after another on one connection, after a warm-up. */
export async function timeStatements(
  client: pg.Client,
  statements: CapturedStatement[],
  rounds: number,
): Promise<number> {
  const runAll = async () => {
    for (const statement of statements) await client.query(statement.sql, statement.params);
  };
  await runAll();
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const startedAt = performance.now();
    await runAll();
    times.push(performance.now() - startedAt);
  }
  return percentile(times, 50);
}

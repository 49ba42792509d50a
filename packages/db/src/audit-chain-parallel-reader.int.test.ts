import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parallelChainReader } from './audit-chain-parallel-reader';
import { sqlChainReader } from './audit-chain-reader';
import { seedChain } from './testing/audit-tamper';
import { createTestDatabase, type TestDatabase } from './testing/test-database';
import { withDatabase } from './testing/test-server';

const collect = async (batches: AsyncIterable<{ seq: bigint; hash: string; isContentIntact: boolean }[]>) => {
  const rows = [];
  for await (const batch of batches) {
    expect(batch.length).toBeGreaterThan(0);
    rows.push(...batch.map((row) => [row.seq, row.hash, row.isContentIntact]));
  }
  return rows;
};

describe('reading the audit chain with worker threads', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
    await seedChain(t, 23);
  });
  afterAll(() => t.drop());
  const query = <T>(sql: string, params: unknown[]) => t.db.$queryRawUnsafe<T[]>(sql, ...params);

  it('yields the rows the one-thread reader yields, in order, whatever the threads and windows', async () => {
    const expected = await collect(sqlChainReader(query).batches(5));
    expect(expected).toHaveLength(23);
    for (const [workers, size] of [
      [1, 4],
      [2, 5],
      [3, 2],
      [4, 100],
    ] as const) {
      const reader = parallelChainReader({ connectionString: t.url, query, workers });
      expect(await collect(reader.batches(size))).toEqual(expected);
    }
  });

  it('fails with the reason when a thread cannot read', async () => {
    const reader = parallelChainReader({
      connectionString: withDatabase(t.url, 'cairn_no_such_database'),
      query,
      workers: 2,
    });
    await expect(collect(reader.batches(5))).rejects.toThrow(
      /reading the audit chain failed: .*cairn_no_such_database/,
    );
  });
});

import { hash as sha256Hex } from 'node:crypto';
import { type AuditHashContent, auditContentJson } from '@cairn/core/audit-hash';
import type { Db } from './client';

/** One event as the verifier needs it: its two links, and whether its content still matches its hash. */
export interface ChainRow {
  seq: bigint;
  prevHash: string;
  hash: string;
  /** ISO UTC with milliseconds. */
  occurredAt: string;
  /** Whether sha256(prevHash "\n" canonical content) as read equals the stored hash. */
  isContentIntact: boolean;
}

export interface AuditChainReader {
  /** Every event in sequence order, in non-empty batches of about `size`. */
  batches(size: number): AsyncIterable<ChainRow[]>;
  byHash(hash: string): Promise<ChainRow | null>;
  newest(): Promise<ChainRow | null>;
}

const ISO_UTC = `to_char("occurredAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

// Plain columns, every one as text (no type parsing on the client), before and after as their
// jsonb text: JavaScript spells the canonical content (auditContentJson), which costs it no more
// than splicing strings the database would have to build with a dozen to_json calls per row. The
// database is trusted no more than before: a server that lies could return any rows anyway; the
// signed checkpoints are what catch it.
const COLUMNS = `"AuditEvent".seq::text AS seq, "prevHash", hash, ${ISO_UTC} AS "occurredAt", action,
  "actorLabel", "actorTokenId"::text AS "actorTokenId", "actorType"::text AS "actorType",
  "actorUserId"::text AS "actorUserId", after::text AS after, "awsRequestId", before::text AS before, ip,
  "onBehalfOfUserId"::text AS "onBehalfOfUserId", outcome::text AS outcome, reason, "requestId",
  "resourceId", "resourceType", "teamId"::text AS "teamId", "userAgent"`;

type RawRow = Omit<AuditHashContent, 'before' | 'after'> & {
  prevHash: string;
  hash: string;
  before: string | null;
  after: string | null;
};

type Query = <T>(sql: string, params: unknown[]) => Promise<T[]>;

/** Up to `limit` events after `afterSeq` (and up to `throughSeq` when given), in sequence order. */
export async function readChainRows(
  query: Query,
  afterSeq: bigint,
  limit: number,
  throughSeq?: bigint,
): Promise<ChainRow[]> {
  const rows =
    throughSeq === undefined
      ? await query<RawRow>(
          `SELECT ${COLUMNS} FROM "AuditEvent" WHERE "AuditEvent".seq > $1::bigint ORDER BY "AuditEvent".seq LIMIT $2::int`,
          [afterSeq.toString(), limit],
        )
      : await query<RawRow>(
          `SELECT ${COLUMNS} FROM "AuditEvent" WHERE "AuditEvent".seq > $1::bigint AND "AuditEvent".seq <= $3::bigint ORDER BY "AuditEvent".seq LIMIT $2::int`,
          [afterSeq.toString(), limit, throughSeq.toString()],
        );
  return rows.map(toChainRow);
}

/**
 * Reads the chain through any client that runs SQL and returns rows as objects (Prisma or pg):
 * keyset batches, the next one requested while this one is checked.
 */
export function sqlChainReader(query: Query): AuditChainReader {
  return {
    async *batches(size) {
      let next = readChainRows(query, -1n, size);
      for (;;) {
        const batch = await next;
        const last = batch.at(-1);
        if (!last) return;
        next = readChainRows(query, last.seq, size);
        yield batch;
      }
    },
    async byHash(hash) {
      const [row] = await query<RawRow>(`SELECT ${COLUMNS} FROM "AuditEvent" WHERE hash = $1`, [hash]);
      return row ? toChainRow(row) : null;
    },
    async newest() {
      const [row] = await query<RawRow>(
        `SELECT ${COLUMNS} FROM "AuditEvent" ORDER BY "AuditEvent".seq DESC LIMIT 1`,
        [],
      );
      return row ? toChainRow(row) : null;
    },
  };
}

/** The chain read through a Prisma client. */
export function prismaChainReader(db: Db): AuditChainReader {
  return sqlChainReader((sql, params) => db.$queryRawUnsafe(sql, ...params));
}

const parsed = (jsonb: string | null): unknown => (jsonb === null ? null : JSON.parse(jsonb));

// auditEventHash with the platform's one-shot native SHA-256 (the same value, faster), computed as
// the row is read so the content string dies young and the garbage collector stays cheap.
function toChainRow(row: RawRow): ChainRow {
  const contentJson = auditContentJson({ ...row, before: parsed(row.before), after: parsed(row.after) });
  return {
    seq: BigInt(row.seq),
    prevHash: row.prevHash,
    hash: row.hash,
    occurredAt: row.occurredAt,
    isContentIntact: sha256Hex('sha256', `${row.prevHash}\n${contentJson}`, 'hex') === row.hash,
  };
}

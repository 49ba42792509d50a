import { hash as sha256Hex } from 'node:crypto';
import { canonicalParsedJson } from '@cairn/core/audit-hash';
import type { Db } from './client';

/** One event as the verifier needs it: the canonical JSON its hash covers, and its two links. */
export interface ChainRow {
  seq: bigint;
  prevHash: string;
  hash: string;
  /** ISO UTC with milliseconds. */
  occurredAt: string;
  /** auditContentJson of the event: exactly what its hash covers after "prevHash\n". */
  contentJson: string;
}

export interface AuditChainReader {
  /** Up to `limit` events after `seq`, in sequence order. */
  batchAfter(seq: bigint, limit: number): Promise<ChainRow[]>;
  byHash(hash: string): Promise<ChainRow | null>;
  newest(): Promise<ChainRow | null>;
}

/** auditEventHash computed with the platform's one-shot native SHA-256: the same value, faster. */
export function chainRowHash(row: ChainRow): string {
  return sha256Hex('sha256', `${row.prevHash}\n${row.contentJson}`, 'hex');
}

const json = (column: string) => `coalesce(to_json(${column})::text, 'null')`;
const ISO_UTC = `to_char("occurredAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

// The canonical content (auditContentJson: keys in sorted order, strings escaped as JSON.stringify
// does, which is what Postgres's to_json does too) is spelled by the database around before and
// after, which only JavaScript can canonicalize (jsonb orders keys its own way). Each event then
// costs the verifier a few string concatenations, two small parses and one hash. The database is
// trusted no more than before: a server that lies could return any rows anyway; the signed
// checkpoints are what catch it.
const COLUMNS = `"AuditEvent".seq::text AS seq, "prevHash", hash, ${ISO_UTC} AS "occurredAt",
  '{"action":' || ${json('action')} || ',"actorLabel":' || ${json('"actorLabel"')}
    || ',"actorTokenId":' || ${json('"actorTokenId"::text')} || ',"actorType":' || ${json('"actorType"::text')}
    || ',"actorUserId":' || ${json('"actorUserId"::text')} || ',"after":' AS head,
  after::text AS after,
  ',"awsRequestId":' || ${json('"awsRequestId"')} || ',"before":' AS middle,
  before::text AS before,
  ',"ip":' || ${json('ip')} || ',"occurredAt":' || ${json(ISO_UTC)}
    || ',"onBehalfOfUserId":' || ${json('"onBehalfOfUserId"::text')} || ',"outcome":' || ${json('outcome::text')}
    || ',"reason":' || ${json('reason')} || ',"requestId":' || ${json('"requestId"')}
    || ',"resourceId":' || ${json('"resourceId"')} || ',"resourceType":' || ${json('"resourceType"')}
    || ',"seq":' || ${json('"AuditEvent".seq::text')} || ',"teamId":' || ${json('"teamId"::text')}
    || ',"userAgent":' || ${json('"userAgent"')} || '}' AS tail`;

interface RawRow {
  seq: string;
  prevHash: string;
  hash: string;
  occurredAt: string;
  head: string;
  after: string | null;
  middle: string;
  before: string | null;
  tail: string;
}

/** Reads the chain through any client that runs SQL and returns rows as objects (Prisma or pg). */
export function sqlChainReader(query: <T>(sql: string, params: unknown[]) => Promise<T[]>): AuditChainReader {
  return {
    async batchAfter(seq, limit) {
      const rows = await query<RawRow>(
        `SELECT ${COLUMNS} FROM "AuditEvent" WHERE "AuditEvent".seq > $1::bigint ORDER BY "AuditEvent".seq LIMIT $2::int`,
        [seq.toString(), limit],
      );
      return rows.map(toChainRow);
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

const canonical = (jsonb: string | null) =>
  jsonb === null ? 'null' : canonicalParsedJson(JSON.parse(jsonb));

function toChainRow(row: RawRow): ChainRow {
  return {
    seq: BigInt(row.seq),
    prevHash: row.prevHash,
    hash: row.hash,
    occurredAt: row.occurredAt,
    contentJson: `${row.head}${canonical(row.after)}${row.middle}${canonical(row.before)}${row.tail}`,
  };
}

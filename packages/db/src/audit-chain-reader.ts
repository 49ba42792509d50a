import { hash as sha256Hex } from 'node:crypto';
import { type AuditHashContent, auditContentJson } from '@cairn/core/audit-hash';
import type { Db } from './client';

/** One event as the verifier needs it: what its hash covers, and its two links. */
export interface ChainRow {
  seq: bigint;
  prevHash: string;
  hash: string;
  content: AuditHashContent;
}

export interface AuditChainReader {
  /** Up to `limit` events after `seq`, in sequence order. */
  batchAfter(seq: bigint, limit: number): Promise<ChainRow[]>;
  byHash(hash: string): Promise<ChainRow | null>;
  newest(): Promise<ChainRow | null>;
}

/** auditEventHash computed with the platform's native SHA-256: the same value, several times faster. */
export function chainRowHash(row: ChainRow): string {
  return sha256Hex('sha256', `${row.prevHash}\n${auditContentJson(row.content)}`, 'hex');
}

// One JSON array per row: the driver then decodes one text column instead of twenty-one, and
// JSON.parse (native) does the rest. Seq as text, since a JSON number loses precision past 2^53.
const ROW = `json_build_array("AuditEvent".seq::text, "occurredAt", "actorType", "actorUserId", "actorTokenId",
  "actorLabel", "onBehalfOfUserId", action, "resourceType", "resourceId", "teamId", outcome, reason, before, after,
  ip, "userAgent", "requestId", "awsRequestId", "prevHash", hash)::text AS row`;

type RawRow = [
  seq: string,
  occurredAt: string,
  actorType: string,
  actorUserId: string | null,
  actorTokenId: string | null,
  actorLabel: string,
  onBehalfOfUserId: string | null,
  action: string,
  resourceType: string,
  resourceId: string | null,
  teamId: string | null,
  outcome: string,
  reason: string | null,
  before: unknown,
  after: unknown,
  ip: string | null,
  userAgent: string | null,
  requestId: string | null,
  awsRequestId: string | null,
  prevHash: string,
  hash: string,
];

/** Reads the chain through any client that runs SQL and returns parsed rows (Prisma or pg). */
export function sqlChainReader(query: <T>(sql: string, params: unknown[]) => Promise<T[]>): AuditChainReader {
  return {
    async batchAfter(seq, limit) {
      const rows = await query<{ row: string }>(
        `SELECT ${ROW} FROM "AuditEvent" WHERE "AuditEvent".seq > $1::bigint ORDER BY "AuditEvent".seq LIMIT $2::int`,
        [seq.toString(), limit],
      );
      return rows.map(toChainRow);
    },
    async byHash(hash) {
      const [row] = await query<{ row: string }>(`SELECT ${ROW} FROM "AuditEvent" WHERE hash = $1`, [hash]);
      return row ? toChainRow(row) : null;
    },
    async newest() {
      const [row] = await query<{ row: string }>(
        `SELECT ${ROW} FROM "AuditEvent" ORDER BY "AuditEvent".seq DESC LIMIT 1`,
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

function toChainRow({ row }: { row: string }): ChainRow {
  const [
    seq,
    occurredAt,
    actorType,
    actorUserId,
    actorTokenId,
    actorLabel,
    onBehalfOfUserId,
    action,
    resourceType,
    resourceId,
    teamId,
    outcome,
    reason,
    before,
    after,
    ip,
    userAgent,
    requestId,
    awsRequestId,
    prevHash,
    hash,
  ] = JSON.parse(row) as RawRow;
  return {
    seq: BigInt(seq),
    prevHash,
    hash,
    content: {
      seq,
      // Postgres writes the session's offset and trims zero milliseconds; the hash covers ISO UTC.
      occurredAt: new Date(occurredAt).toISOString(),
      actorType,
      actorUserId,
      actorTokenId,
      actorLabel,
      onBehalfOfUserId,
      action,
      resourceType,
      resourceId,
      teamId,
      outcome,
      reason,
      before: before ?? null,
      after: after ?? null,
      ip,
      userAgent,
      requestId,
      awsRequestId,
    },
  };
}

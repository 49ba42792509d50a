import { createHash } from 'node:crypto';
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
  return createHash('sha256')
    .update(`${row.prevHash}\n${auditContentJson(row.content)}`)
    .digest('hex');
}

// Enums and ids as text, so rows come back as plain strings without per-column conversions.
const COLUMNS = `seq::text AS seq, "occurredAt", "actorType"::text AS "actorType", "actorUserId"::text AS "actorUserId",
  "actorTokenId"::text AS "actorTokenId", "actorLabel", "onBehalfOfUserId"::text AS "onBehalfOfUserId", action,
  "resourceType", "resourceId", "teamId"::text AS "teamId", outcome::text AS outcome, reason, before, after, ip,
  "userAgent", "requestId", "awsRequestId", "prevHash", hash`;

interface RawRow {
  seq: string;
  occurredAt: Date;
  actorType: string;
  actorUserId: string | null;
  actorTokenId: string | null;
  actorLabel: string;
  onBehalfOfUserId: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  teamId: string | null;
  outcome: string;
  reason: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  awsRequestId: string | null;
  prevHash: string;
  hash: string;
}

/** Reads the chain through any client that runs SQL and returns parsed rows (Prisma or pg). */
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

function toChainRow(row: RawRow): ChainRow {
  return {
    seq: BigInt(row.seq),
    prevHash: row.prevHash,
    hash: row.hash,
    content: {
      seq: row.seq,
      occurredAt: new Date(row.occurredAt).toISOString(),
      actorType: row.actorType,
      actorUserId: row.actorUserId,
      actorTokenId: row.actorTokenId,
      actorLabel: row.actorLabel,
      onBehalfOfUserId: row.onBehalfOfUserId,
      action: row.action,
      resourceType: row.resourceType,
      resourceId: row.resourceId,
      teamId: row.teamId,
      outcome: row.outcome,
      reason: row.reason,
      before: row.before ?? null,
      after: row.after ?? null,
      ip: row.ip,
      userAgent: row.userAgent,
      requestId: row.requestId,
      awsRequestId: row.awsRequestId,
    },
  };
}

import { auditEventHash, GENESIS_HASH } from '@cairn/core/audit-hash';
import type pg from 'pg';

const COLUMNS = [
  'seq',
  'occurredAt',
  'actorType',
  'actorUserId',
  'actorTokenId',
  'actorLabel',
  'onBehalfOfUserId',
  'action',
  'resourceType',
  'resourceId',
  'teamId',
  'outcome',
  'reason',
  'before',
  'after',
  'ip',
  'userAgent',
  'requestId',
  'awsRequestId',
  'prevHash',
  'hash',
] as const;
const ACTIONS = ['project.create', 'token.create', 'member.add', 'project.setArchived', 'token.revoke'];

/**
 * Writes a valid hash chain of `count` events in bulk (the writer appends one per transaction,
 * which is right for the portal and far too slow to seed a benchmark).
 */
export async function seedAuditChain(client: pg.Client, count: number, teamIds: string[]): Promise<void> {
  const batchSize = 1_000;
  let prevHash = GENESIS_HASH;
  const start = Date.UTC(2026, 0, 1);
  for (let first = 1; first <= count; first += batchSize) {
    const rows: unknown[][] = [];
    for (let seq = first; seq < Math.min(first + batchSize, count + 1); seq++) {
      const content = {
        seq: String(seq),
        occurredAt: new Date(start + seq * 1_000).toISOString(),
        actorType: 'USER',
        actorUserId: null,
        actorTokenId: null,
        actorLabel: `user${seq % 50}@example.com`,
        onBehalfOfUserId: null,
        action: ACTIONS[seq % ACTIONS.length] ?? 'project.create',
        resourceType: 'Project',
        resourceId: `resource-${seq}`,
        teamId: teamIds[seq % teamIds.length] ?? null,
        outcome: seq % 20 === 0 ? 'DENIED' : 'SUCCESS',
        reason: null,
        before: null,
        after: { name: `Project ${seq}`, isArchived: false },
        ip: '203.0.113.7',
        userAgent: 'bench',
        requestId: `req-${seq}`,
        awsRequestId: null,
      };
      const hash = auditEventHash(prevHash, content);
      const row: Record<(typeof COLUMNS)[number], unknown> = {
        ...content,
        before: null,
        after: JSON.stringify(content.after),
        prevHash,
        hash,
      };
      rows.push(COLUMNS.map((column) => row[column]));
      prevHash = hash;
    }
    const values = rows
      .map(
        (_, r) =>
          `(${COLUMNS.map((column, c) => `$${r * COLUMNS.length + c + 1}${castFor(column)}`).join(', ')})`,
      )
      .join(', ');
    await client.query(
      `INSERT INTO "AuditEvent" (${COLUMNS.map((c) => `"${c}"`).join(', ')}) VALUES ${values}`,
      rows.flat(),
    );
  }
  await client.query(`SELECT setval(pg_get_serial_sequence('"AuditEvent"', 'seq'), $1)`, [count]);
}

function castFor(column: (typeof COLUMNS)[number]): string {
  if (column === 'actorType') return '::"ActorType"';
  if (column === 'outcome') return '::"AuditOutcome"';
  if (column === 'before' || column === 'after') return '::jsonb';
  if (
    column === 'teamId' ||
    column === 'actorUserId' ||
    column === 'actorTokenId' ||
    column === 'onBehalfOfUserId'
  )
    return '::uuid';
  if (column === 'seq') return '::bigint';
  if (column === 'occurredAt') return '::timestamptz';
  return '';
}

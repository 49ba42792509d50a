import type { Actor } from '@cairn/core/actor';
import { appendAuditEvent } from '../audit-writer';
import type { TestDatabase } from './test-database';

const actor: Actor = { kind: 'system', label: 'test' };

/** Appends `n` events through the real writer, one transaction each. */
export async function seedChain(t: TestDatabase, n: number, teamId: string | null = null) {
  for (let i = 0; i < n; i++) {
    await t.db.$transaction((tx) =>
      appendAuditEvent(tx, {
        actor,
        request: { ip: '127.0.0.1', userAgent: 'vitest', requestId: `r${i}` },
        action: 'project.create',
        resourceType: 'Project',
        resourceId: `p${i}`,
        teamId,
        outcome: 'SUCCESS',
        after: { name: `Project ${i}`, nested: { n: i, password: 'hunter2' } },
      }),
    );
  }
}

/** Runs SQL with the append-only triggers off, as a database superuser could. */
export async function tamper(t: TestDatabase, sql: string) {
  await t.db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SET LOCAL session_replication_role = replica`);
    await tx.$executeRawUnsafe(sql);
  });
}

/** The sequence numbers of the chain, in order. */
export async function chainSeqs(t: TestDatabase): Promise<bigint[]> {
  const rows = await t.db.auditEvent.findMany({ orderBy: { seq: 'asc' }, select: { seq: true } });
  return rows.map((row) => row.seq);
}

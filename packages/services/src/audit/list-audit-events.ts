import type { ListAuditEventsInput } from '@cairn/core/schemas/audit';
import type { Prisma } from '@cairn/db/client';
import type { ServiceContext } from '../context';
import { authorizeAuditRead } from './audit-access';
import { auditEventWhere } from './audit-event-where';

/**
 * Audit events newest first, keyset-paginated by sequence. Org admins see every team; team admins
 * only the teams they administer (and must filter to one).
 */
export async function listAuditEvents(ctx: ServiceContext, input: ListAuditEventsInput) {
  authorizeAuditRead(ctx.actor, input.teamId);
  const where: Prisma.AuditEventWhereInput = {
    ...auditEventWhere(input),
    ...(input.cursor ? { seq: { lt: BigInt(input.cursor) } } : {}),
  };
  const rows = await ctx.db.auditEvent.findMany({ where, orderBy: { seq: 'desc' }, take: input.limit + 1 });
  const page = rows.slice(0, input.limit);
  const teamNames = new Map(
    (
      await ctx.db.team.findMany({
        where: { id: { in: [...new Set(page.map((r) => r.teamId).filter((id): id is string => !!id))] } },
        select: { id: true, name: true },
      })
    ).map((t) => [t.id, t.name]),
  );
  return {
    items: page.map((row) => ({
      seq: row.seq.toString(),
      occurredAt: row.occurredAt,
      actorType: row.actorType,
      actorLabel: row.actorLabel,
      action: row.action,
      resourceType: row.resourceType,
      resourceId: row.resourceId,
      teamId: row.teamId,
      teamName: row.teamId ? (teamNames.get(row.teamId) ?? null) : null,
      outcome: row.outcome,
      reason: row.reason,
      before: row.before,
      after: row.after,
      ip: row.ip,
      userAgent: row.userAgent,
      requestId: row.requestId,
      awsRequestId: row.awsRequestId,
      hash: row.hash,
    })),
    nextCursor: rows.length > input.limit ? page[page.length - 1]?.seq.toString() : undefined,
  };
}

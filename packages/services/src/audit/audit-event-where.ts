import type { AuditFilters } from '@cairn/core/schemas/audit';
import type { Prisma } from '@cairn/db/client';

/** The list's and the export's filters as one Prisma condition (each served by an index on seq). */
export function auditEventWhere(filters: AuditFilters): Prisma.AuditEventWhereInput {
  return {
    ...(filters.teamId ? { teamId: filters.teamId } : {}),
    ...(filters.actor ? { actorLabel: { contains: filters.actor, mode: 'insensitive' } } : {}),
    ...(filters.action ? { action: { startsWith: filters.action } } : {}),
    ...(filters.resourceType ? { resourceType: filters.resourceType } : {}),
    ...(filters.resourceId ? { resourceId: { contains: filters.resourceId } } : {}),
    ...(filters.outcome ? { outcome: filters.outcome } : {}),
    ...(filters.from || filters.to ? { occurredAt: { gte: filters.from, lte: filters.to } } : {}),
  };
}

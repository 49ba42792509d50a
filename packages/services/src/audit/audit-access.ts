import type { Actor } from '@cairn/core/actor';
import { forbidden } from '@cairn/core/errors';

/**
 * Who reads the audit trail: org admins every team's events; team admins only a team they
 * administer, named in the filter (never the whole trail). Everyone else is refused.
 */
export function authorizeAuditRead(actor: Actor, teamId: string | undefined): void {
  if (actor.kind !== 'user') throw forbidden();
  if (actor.isOrgAdmin) return;
  const isTeamAdmin = actor.memberships.some((m) => m.teamId === teamId && m.role === 'ADMIN');
  if (!teamId || !isTeamAdmin) throw forbidden('Only admins can read the audit trail');
}

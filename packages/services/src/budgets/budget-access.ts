import type { Actor } from '@cairn/core/actor';
import { forbidden, notFound } from '@cairn/core/errors';
import type { Db } from '@cairn/db/client';

const VIEW_REFUSAL = 'Only team admins and organization admins can see budgets and costs';
const EDIT_REFUSAL = 'Only organization admins can change budgets';

/**
 * Budgets and costs are for org admins and the team's admins: other members are refused, anyone
 * outside the team is told the team does not exist. Answers whether the actor may also edit.
 */
export async function authorizeCostAccess(
  db: Db,
  actor: Actor,
  teamId: string,
  need: 'view' | 'edit',
): Promise<{ canEdit: boolean }> {
  const role =
    actor.kind === 'user'
      ? actor.memberships.find((membership) => membership.teamId === teamId)?.role
      : undefined;
  const isOrgAdmin = actor.kind === 'user' && actor.isOrgAdmin;
  if (!isOrgAdmin && !role) throw notFound('Team');
  const team = await db.team.findUnique({ where: { id: teamId }, select: { id: true } });
  if (!team) throw notFound('Team');
  if (isOrgAdmin) return { canEdit: true };
  if (need === 'edit') throw forbidden(EDIT_REFUSAL);
  if (role !== 'ADMIN') throw forbidden(VIEW_REFUSAL);
  return { canEdit: false };
}

/** Org-wide cost pages are for org admins only. */
export function authorizeOrgCostAccess(actor: Actor): void {
  if (actor.kind !== 'user' || !actor.isOrgAdmin)
    throw forbidden('Only organization admins can see every team’s costs');
}

import { roleInTeam } from '@cairn/core/actor';
import { DomainError } from '@cairn/core/errors';
import type { Role } from '@cairn/core/roles';
import type { ServiceContext } from '../context';

/** The person acting and their role in the team (org admins act as team admins). */
export function personInTeam(
  ctx: ServiceContext,
  teamId: string,
): { userId: string; email: string; role: Role | null } {
  const { actor } = ctx;
  if (actor.kind !== 'user') throw new DomainError('FORBIDDEN', 'Only people can take part in approvals');
  return {
    userId: actor.userId,
    email: actor.email,
    role: actor.isOrgAdmin ? 'ADMIN' : roleInTeam(actor, teamId),
  };
}

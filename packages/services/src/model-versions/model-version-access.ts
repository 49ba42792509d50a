import { roleInTeam } from '@cairn/core/actor';
import { DomainError, notFound } from '@cairn/core/errors';
import { type Permission, roleHasPermission } from '@cairn/core/permissions';
import type { Db } from '@cairn/db/client';
import type { ServiceContext } from '../context';

/**
 * The project, after authorizing the person acting on it: outside their teams it is NOT_FOUND, a
 * role too weak for the permission is FORBIDDEN.
 */
export async function projectForPerson(
  tx: Db,
  ctx: ServiceContext,
  input: { teamId: string; projectId: string },
  permission: Permission,
) {
  const { actor } = ctx;
  if (actor.kind !== 'user') throw new DomainError('FORBIDDEN', 'Only people can work with model versions');
  const role = actor.isOrgAdmin ? 'ADMIN' : roleInTeam(actor, input.teamId);
  if (!role) throw notFound('Project');
  const project = await tx.project.findFirst({ where: { id: input.projectId, teamId: input.teamId } });
  if (!project) throw notFound('Project');
  if (!roleHasPermission(role, permission)) {
    throw new DomainError('FORBIDDEN', 'Your role in this team does not allow this');
  }
  return project;
}

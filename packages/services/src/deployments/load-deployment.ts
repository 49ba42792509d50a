import { notFound } from '@cairn/core/errors';
import type { Permission } from '@cairn/core/permissions';
import type { Db } from '@cairn/db/client';
import type { ServiceContext } from '../context';
import { projectForPerson } from '../model-versions/model-version-access';

/** A deployment of the team, after authorizing the person for its project. */
export async function deploymentForPerson(
  tx: Db,
  ctx: ServiceContext,
  input: { teamId: string; deploymentId: string },
  permission: Permission,
) {
  const deployment = await tx.deployment.findFirst({
    where: { id: input.deploymentId, teamId: input.teamId },
  });
  if (!deployment) throw notFound('Deployment');
  const project = await projectForPerson(
    tx,
    ctx,
    { teamId: input.teamId, projectId: deployment.projectId },
    permission,
  );
  return { deployment, project };
}

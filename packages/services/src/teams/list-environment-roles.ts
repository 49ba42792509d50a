import type { PrismaClient } from '@cairn/db/client';

/** The project environments of a team that act as a role of their own instead of the team's. */
export async function listEnvironmentRoles(db: Pick<PrismaClient, 'environment'>, teamId: string) {
  const environments = await db.environment.findMany({
    where: { teamId, roleArnOverride: { not: null } },
    orderBy: [{ project: { name: 'asc' } }, { name: 'asc' }],
    select: {
      id: true,
      name: true,
      region: true,
      roleArnOverride: true,
      project: { select: { id: true, name: true } },
    },
  });
  return environments.map((environment) => ({
    environmentId: environment.id,
    environment: environment.name,
    region: environment.region,
    roleArn: environment.roleArnOverride ?? '',
    projectId: environment.project.id,
    projectName: environment.project.name,
  }));
}

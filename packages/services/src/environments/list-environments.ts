import type { ListEnvironmentsInput } from '@cairn/core/schemas/environment';
import type { ServiceContext } from '../context';
import { projectForPerson } from '../model-versions/model-version-access';

const ORDER = { DEV: 0, STAGING: 1, PROD: 2 } as const;

/**
 * A project's environments, dev to prod, each with what is in service there now: the live
 * deployments (latest first), their version and type.
 */
export async function listEnvironments(ctx: ServiceContext, input: ListEnvironmentsInput) {
  const project = await projectForPerson(ctx.db, ctx, input, 'project:read');
  const environments = await ctx.db.environment.findMany({
    where: { projectId: project.id },
    include: {
      deployments: {
        where: { status: { notIn: ['DELETED', 'SUPERSEDED', 'FAILED', 'SUCCEEDED'] } },
        orderBy: { id: 'desc' },
        select: {
          id: true,
          type: true,
          status: true,
          awsResourceName: true,
          createdAt: true,
          modelVersion: { select: { id: true, version: true, modelGroup: { select: { name: true } } } },
        },
      },
    },
  });
  return environments.sort((a, b) => ORDER[a.name] - ORDER[b.name]);
}

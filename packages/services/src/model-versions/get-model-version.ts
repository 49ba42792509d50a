import { notFound } from '@cairn/core/errors';
import type { GetModelVersionInput } from '@cairn/core/schemas/model-version';
import type { ServiceContext } from '../context';
import { projectForPerson } from './model-version-access';

/** One model version with its lineage: the group, and the run (and its experiment) it came from. */
export async function getModelVersion(ctx: ServiceContext, input: GetModelVersionInput) {
  const project = await projectForPerson(ctx.db, ctx, input, 'project:read');
  const version = await ctx.db.modelVersion.findFirst({
    where: { id: input.id, projectId: project.id },
    include: {
      modelGroup: { select: { id: true, name: true, awsName: true, awsArn: true } },
      run: {
        select: {
          id: true,
          name: true,
          status: true,
          gitCommit: true,
          experiment: { select: { id: true, name: true } },
        },
      },
    },
  });
  if (!version) throw notFound('Model version');
  const createdBy = version.createdById
    ? await ctx.db.user.findUnique({
        where: { id: version.createdById },
        select: { id: true, name: true, email: true },
      })
    : null;
  return { ...version, createdBy };
}

import { DomainError } from '@cairn/core/errors';
import type { ListModelVersionsInput } from '@cairn/core/schemas/model-version';
import type { ServiceContext } from '../context';
import { projectForPerson } from './model-version-access';

/**
 * A model group's versions, or those registered from a run, newest first, a page at a time (keyset
 * on the id), with who registered each and the run it came from.
 */
export async function listModelVersions(ctx: ServiceContext, input: ListModelVersionsInput) {
  if (!input.modelGroupId && !input.runId) {
    throw new DomainError('INVALID_INPUT', 'Give a model group or a run', { field: 'modelGroupId' });
  }
  const project = await projectForPerson(ctx.db, ctx, input, 'project:read');
  const rows = await ctx.db.modelVersion.findMany({
    where: {
      projectId: project.id,
      ...(input.modelGroupId ? { modelGroupId: input.modelGroupId } : {}),
      ...(input.runId ? { runId: input.runId } : {}),
      ...(input.cursor ? { id: { lt: input.cursor } } : {}),
    },
    orderBy: { id: 'desc' },
    take: input.limit + 1,
    include: {
      run: { select: { id: true, name: true, experimentId: true } },
      modelGroup: { select: { id: true, name: true } },
    },
  });
  const page = rows.slice(0, input.limit);
  const creatorIds = [...new Set(page.flatMap((row) => (row.createdById ? [row.createdById] : [])))];
  const creators = await ctx.db.user.findMany({
    where: { id: { in: creatorIds } },
    select: { id: true, name: true, email: true },
  });
  const byId = new Map(creators.map((user) => [user.id, user]));
  return {
    items: page.map((row) => ({
      id: row.id,
      version: row.version,
      modelGroup: row.modelGroup,
      run: row.run,
      framework: row.framework,
      approvalStatus: row.approvalStatus,
      awsStatus: row.awsStatus,
      awsError: row.awsError,
      createdAt: row.createdAt,
      createdBy: row.createdById ? (byId.get(row.createdById) ?? null) : null,
    })),
    nextCursor: rows.length > input.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

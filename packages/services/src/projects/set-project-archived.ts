import { notFound } from '@cairn/core/errors';
import type { SetProjectArchivedInput } from '@cairn/core/schemas/project';
import { recordAudit } from '../audit/record-audit';
import type { ServiceContext } from '../context';

/** Archives a project (hidden from lists, read-only) or restores it. */
export async function setProjectArchived(ctx: ServiceContext, input: SetProjectArchivedInput) {
  return ctx.db.$transaction(async (tx) => {
    const project = await tx.project.findFirst({ where: { id: input.projectId, teamId: input.teamId } });
    if (!project) throw notFound('Project');
    const wasArchived = project.archivedAt !== null;
    if (wasArchived === input.isArchived) return { id: project.id, isArchived: wasArchived };
    await tx.project.update({
      where: { id: project.id },
      data: { archivedAt: input.isArchived ? new Date() : null },
    });
    await recordAudit(tx, ctx, {
      action: input.isArchived ? 'project.archive' : 'project.unarchive',
      resourceType: 'Project',
      resourceId: project.id,
      teamId: input.teamId,
      before: { isArchived: wasArchived },
      after: { isArchived: input.isArchived },
    });
    return { id: project.id, isArchived: input.isArchived };
  });
}

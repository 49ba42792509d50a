import { notFound } from '@cairn/core/errors';
import type { ModelVersionRefInput } from '@cairn/core/schemas/approval-request';
import type { ServiceContext } from '../context';
import { projectForPerson } from '../model-versions/model-version-access';

/** A version's approval requests, newest first, with their decisions. */
export async function listVersionApprovalRequests(ctx: ServiceContext, input: ModelVersionRefInput) {
  const version = await ctx.db.modelVersion.findFirst({
    where: { id: input.modelVersionId, teamId: input.teamId },
    select: { id: true, projectId: true },
  });
  if (!version) throw notFound('Model version');
  await projectForPerson(ctx.db, ctx, { teamId: input.teamId, projectId: version.projectId }, 'project:read');
  const now = new Date();
  const requests = await ctx.db.approvalRequest.findMany({
    where: { modelVersionId: version.id },
    orderBy: { id: 'desc' },
    include: {
      requestedBy: { select: { id: true, name: true } },
      decisions: {
        orderBy: { decidedAt: 'asc' },
        select: {
          id: true,
          decision: true,
          comment: true,
          decidedAt: true,
          artifactRevision: true,
          user: { select: { id: true, name: true } },
        },
      },
    },
  });
  return requests.map((request) => ({
    id: request.id,
    // An overdue request the sweep has not reached yet is already expired for everyone.
    status: request.status === 'PENDING' && request.expiresAt <= now ? ('EXPIRED' as const) : request.status,
    environment: request.environment,
    notes: request.notes,
    createdAt: request.createdAt,
    expiresAt: request.expiresAt,
    decidedAt: request.decidedAt,
    requestedBy: request.requestedBy,
    decisions: request.decisions,
  }));
}

import { notFound } from '@cairn/core/errors';
import type { ModelVersionRefInput } from '@cairn/core/schemas/approval-request';
import type { ServiceContext } from '../context';
import { projectForPerson } from './model-version-access';

const TIMELINE_LIMIT = 500;

/** How each audited action reads on a version's history. */
const TITLES: Record<string, string> = {
  'modelVersion.register': 'Registered',
  'modelVersion.recordMirror': 'SageMaker model package recorded',
  'modelVersion.updateArtifact': 'Artifact replaced',
  'modelVersion.recordApprovalMirror': 'Approval status written to SageMaker',
  'approval.request': 'Approval requested',
  'approval.decide': 'Decision',
  'approval.expire': 'Approval request expired',
  'pipeline.start': 'Pipeline started',
  'pipeline.recordRun': 'Pipeline run updated',
  'pipeline.recordWaitingApproval': 'Pipeline waiting for manual approval',
  'pipeline.answerApproval': 'Pipeline approval answered',
  'pipeline.recordApprovalAnswer': 'Pipeline approval sent to CodePipeline',
  'deployment.create': 'Deployment requested',
  'deployment.recordState': 'Deployment state changed',
  'deployment.rollback': 'Rolled back',
  'deployment.delete': 'Deployment deleted',
};

function detailOf(action: string, after: unknown, reason: string | null): string | null {
  const data = (after ?? {}) as Record<string, unknown>;
  if (action === 'approval.decide') {
    const verb = data.decision === 'REJECT' ? 'Rejected' : 'Approved';
    const comment = typeof data.comment === 'string' && data.comment ? ` "${data.comment}"` : '';
    return `${verb}${comment}; request ${String(data.status ?? '').toLowerCase()} (${String(data.validApprovals ?? 0)} of ${String(data.approvalsNeeded ?? '?')} approvals)`;
  }
  if (action === 'approval.request')
    return `For ${String(data.environment ?? '').toLowerCase()}${data.notes ? `: ${String(data.notes)}` : ''}`;
  if (typeof data.status === 'string')
    return `Status ${data.status.toLowerCase()}${reason ? `: ${reason}` : ''}`;
  return reason;
}

/**
 * A version's history from the audit trail: its own events, its approval requests', its pipeline
 * runs' and its deployments', oldest first. Refusals appear too (an attempted self-approval is part of the story).
 */
export async function modelVersionTimeline(ctx: ServiceContext, input: ModelVersionRefInput) {
  const version = await ctx.db.modelVersion.findFirst({
    where: { id: input.modelVersionId, teamId: input.teamId },
    select: { id: true, projectId: true },
  });
  if (!version) throw notFound('Model version');
  await projectForPerson(ctx.db, ctx, { teamId: input.teamId, projectId: version.projectId }, 'project:read');
  const [requests, runs, deployments] = await Promise.all([
    ctx.db.approvalRequest.findMany({ where: { modelVersionId: version.id }, select: { id: true } }),
    ctx.db.pipelineRun.findMany({ where: { modelVersionId: version.id }, select: { id: true } }),
    ctx.db.deployment.findMany({ where: { modelVersionId: version.id }, select: { id: true } }),
  ]);
  const events = await ctx.db.auditEvent.findMany({
    where: {
      teamId: input.teamId,
      OR: [
        { resourceType: 'ModelVersion', resourceId: version.id },
        { resourceType: 'ApprovalRequest', resourceId: { in: requests.map((request) => request.id) } },
        { resourceType: 'PipelineRun', resourceId: { in: runs.map((run) => run.id) } },
        { resourceType: 'Deployment', resourceId: { in: deployments.map((deployment) => deployment.id) } },
      ],
    },
    orderBy: { seq: 'asc' },
    take: TIMELINE_LIMIT,
    select: {
      seq: true,
      occurredAt: true,
      action: true,
      actorLabel: true,
      outcome: true,
      reason: true,
      after: true,
    },
  });
  return events.map((event) => ({
    seq: event.seq.toString(),
    at: event.occurredAt,
    action: event.action,
    title:
      event.outcome === 'DENIED'
        ? `Refused: ${TITLES[event.action] ?? event.action}`
        : (TITLES[event.action] ?? event.action),
    actorLabel: event.actorLabel,
    outcome: event.outcome,
    detail: event.outcome === 'DENIED' ? event.reason : detailOf(event.action, event.after, event.reason),
  }));
}

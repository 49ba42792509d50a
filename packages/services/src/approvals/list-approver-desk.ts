import { canDecide } from '@cairn/core/approval/can-decide';
import { evaluateApprovalPolicy } from '@cairn/core/approval/evaluate-policy';
import { DomainError } from '@cairn/core/errors';
import { roleHasPermission } from '@cairn/core/permissions';
import type { ServiceContext } from '../context';
import { gatherEvidenceFor } from './approval-evidence';
import { coreDecisions, REQUEST_VERSION_INCLUDE, requestPolicy } from './load-approval-request';

const DESK_LIMIT = 200;

/**
 * What waits for the signed-in approver: open, unexpired requests in the teams where they may
 * decide (every team for an org admin), oldest first, each evaluated now.
 */
export async function listApproverDesk(ctx: ServiceContext) {
  const { actor } = ctx;
  if (actor.kind !== 'user') throw new DomainError('FORBIDDEN', 'Only people have an approver desk');
  const teamIds = actor.memberships
    .filter((membership) => roleHasPermission(membership.role, 'release:decide'))
    .map((membership) => membership.teamId);
  if (!actor.isOrgAdmin && teamIds.length === 0) return { items: [] };
  const now = new Date();
  const requests = await ctx.db.approvalRequest.findMany({
    where: {
      status: 'PENDING',
      expiresAt: { gt: now },
      ...(actor.isOrgAdmin ? {} : { teamId: { in: teamIds } }),
    },
    orderBy: { createdAt: 'asc' },
    take: DESK_LIMIT,
    include: {
      ...REQUEST_VERSION_INCLUDE,
      project: { select: { name: true, team: { select: { name: true } } } },
      requestedBy: { select: { id: true, name: true } },
    },
  });
  const evidence = await gatherEvidenceFor(
    ctx.db,
    requests.map((request) => request.modelVersion),
  );
  const items = requests.map((request, index) => {
    const version = request.modelVersion;
    const evaluation = evaluateApprovalPolicy({
      policy: requestPolicy(request),
      evidence: evidence[index] as (typeof evidence)[number],
      decisions: coreDecisions(request.decisions),
      request,
      now,
    });
    const role = actor.isOrgAdmin
      ? 'ADMIN'
      : (actor.memberships.find((membership) => membership.teamId === request.teamId)?.role ?? 'VIEWER');
    const check = canDecide({
      userId: actor.userId,
      role,
      registrantUserId: version.createdById ?? '',
      runAuthorUserId: version.run.createdById,
      requestStatus: evaluation.status,
      now,
      expiresAt: request.expiresAt,
      priorDecisionByUser:
        request.decisions.filter((decision) => decision.userId === actor.userId).at(-1) ?? null,
      versionArtifactRevision: version.artifactRevision,
    });
    return {
      id: request.id,
      teamId: request.teamId,
      teamName: request.project.team.name,
      projectId: request.projectId,
      projectName: request.project.name,
      modelGroupName: version.modelGroup.name,
      modelVersionId: version.id,
      version: version.version,
      environment: request.environment,
      notes: request.notes,
      requestedBy: request.requestedBy,
      createdAt: request.createdAt,
      expiresAt: request.expiresAt,
      validApprovals: evaluation.validApprovals,
      approvalsNeeded: evaluation.approvalsNeeded,
      failingGates: evaluation.gates.filter((gate) => gate.kind !== 'approvals' && gate.passed !== true)
        .length,
      canDecide: check.allowed,
      cannotDecideReason: check.allowed ? null : check.reason,
    };
  });
  return { items };
}

import { conflict, DomainError, notFound } from '@cairn/core/errors';
import type { ApprovalPolicy } from '@cairn/core/schemas/approval-policy';
import type { RequestApprovalInput } from '@cairn/core/schemas/approval-request';
import { Prisma } from '@cairn/db/client';
import { recordAttempt, recordAudit } from '../audit/record-audit';
import type { ServiceContext } from '../context';
import { projectForPerson } from '../model-versions/model-version-access';
import { notify } from '../notifications/notify';
import { approvalRequestPath } from './approval-links';
import { expireOverdueRequest } from './expire-approval-requests';
import { readApprovalPolicy } from './project-policy';

const ENVIRONMENT_LABEL = { DEV: 'dev', STAGING: 'staging', PROD: 'prod' } as const;

/** The metrics the policy gates on that the version's run never logged: such a request could never pass. */
function missingGateMetrics(policy: ApprovalPolicy, capturedMetrics: unknown): string[] {
  const captured = (capturedMetrics ?? {}) as Record<string, unknown>;
  const gated = [...policy.metricGates.map((gate) => gate.metric)];
  if (policy.beatsProduction) gated.push(policy.beatsProduction.metric);
  return [...new Set(gated)].filter((metric) => !(metric in captured));
}

class UnpassableRequest extends Error {
  constructor(
    readonly teamId: string,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/**
 * Opens an approval request for a model version under the project's current policy (copied into
 * the request), and tells the team's approvers. One open request per version: a second one, even
 * a concurrent one, is refused.
 */
export async function requestApproval(ctx: ServiceContext, input: RequestApprovalInput) {
  if (ctx.actor.kind !== 'user') throw new DomainError('FORBIDDEN', 'Only people can request approval');
  const requester = ctx.actor;
  try {
    return await ctx.db.$transaction(async (tx) => {
      const project = await projectForPerson(tx, ctx, input, 'release:request');
      if (project.archivedAt) throw new DomainError('PRECONDITION_FAILED', 'The project is archived');
      const version = await tx.modelVersion.findFirst({
        where: { id: input.modelVersionId, projectId: project.id, teamId: project.teamId },
        include: { modelGroup: { select: { name: true } } },
      });
      if (!version) throw notFound('Model version');
      const open = await tx.approvalRequest.findFirst({
        where: { modelVersionId: version.id, status: 'PENDING' },
      });
      if (open && !(await expireOverdueRequest(tx, ctx, open))) {
        throw conflict(
          `Version ${version.version} already has an open approval request (for ${ENVIRONMENT_LABEL[open.environment]}); decide or let it expire first`,
        );
      }
      const { policy } = readApprovalPolicy(project.approvalPolicy);
      const missing = missingGateMetrics(policy, version.capturedMetrics);
      if (missing.length > 0) {
        throw new UnpassableRequest(
          project.teamId,
          `The approval policy gates on ${missing.join(', ')}, which the run behind version ${version.version} never logged, so this request could never be approved. Register a version from a run that logs ${missing.length === 1 ? 'it' : 'them'}, or ask a team admin to change the policy.`,
        );
      }
      const now = new Date();
      const request = await tx.approvalRequest.create({
        data: {
          teamId: project.teamId,
          projectId: project.id,
          modelVersionId: version.id,
          environment: input.environment,
          notes: input.notes,
          policy,
          requestedById: requester.userId,
          createdAt: now,
          expiresAt: new Date(now.getTime() + policy.requestTtlHours * 3_600_000),
        },
      });
      const approvers = await tx.membership.findMany({
        where: { teamId: project.teamId, role: { in: ['APPROVER', 'ADMIN'] }, user: { disabledAt: null } },
        select: { userId: true },
      });
      await notify(
        tx,
        approvers.map((member) => member.userId).filter((userId) => userId !== requester.userId),
        {
          teamId: project.teamId,
          kind: 'approval.requested',
          title: `${version.modelGroup.name} v${version.version} waits for your approval`,
          body: `${requester.email} asks to release it to ${ENVIRONMENT_LABEL[input.environment]}${input.notes ? `: ${input.notes}` : ''}`,
          link: approvalRequestPath(project.teamId, request.id),
        },
      );
      await recordAudit(tx, ctx, {
        action: 'approval.request',
        resourceType: 'ApprovalRequest',
        resourceId: request.id,
        teamId: project.teamId,
        after: {
          modelVersionId: version.id,
          version: version.version,
          environment: request.environment,
          notes: request.notes,
          expiresAt: request.expiresAt.toISOString(),
          policy,
        },
      });
      return { id: request.id, status: request.status, expiresAt: request.expiresAt };
    });
  } catch (error) {
    if (error instanceof UnpassableRequest) {
      await recordAttempt(ctx, {
        action: 'approval.request',
        resourceType: 'ModelVersion',
        resourceId: input.modelVersionId,
        teamId: error.teamId,
        outcome: 'DENIED',
        reason: error.reason,
      });
      throw new DomainError('PRECONDITION_FAILED', error.reason, { isAudited: true });
    }
    // Two requests racing past the check meet the one-open-request index.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw conflict('This version already has an open approval request; decide or let it expire first');
    }
    throw error;
  }
}

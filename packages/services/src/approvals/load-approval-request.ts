import type { ApprovalDecision } from '@cairn/core/approval/approval-types';
import type { ApprovalPolicy } from '@cairn/core/schemas/approval-policy';
import { approvalPolicySchema } from '@cairn/core/schemas/approval-policy';
import type { Db } from '@cairn/db/client';

export const REQUEST_VERSION_INCLUDE = {
  modelVersion: {
    include: {
      modelGroup: { select: { id: true, name: true } },
      run: {
        select: {
          id: true,
          name: true,
          createdById: true,
          experimentId: true,
          experiment: { select: { name: true } },
        },
      },
    },
  },
  decisions: {
    orderBy: { decidedAt: 'asc' },
    include: { user: { select: { id: true, name: true } } },
  },
} as const;

/** A request of the team with its version, run and decisions; null when it is not the team's. */
export function loadApprovalRequest(db: Db, teamId: string, requestId: string) {
  return db.approvalRequest.findFirst({
    where: { id: requestId, teamId },
    include: REQUEST_VERSION_INCLUDE,
  });
}

export type LoadedApprovalRequest = NonNullable<Awaited<ReturnType<typeof loadApprovalRequest>>>;

/** The policy copied into the request when it was opened. */
export function requestPolicy(request: { policy: unknown }): ApprovalPolicy {
  return approvalPolicySchema.parse(request.policy);
}

/** Stored decisions in core's terms. */
export function coreDecisions(
  decisions: ReadonlyArray<{
    userId: string;
    role: ApprovalDecision['role'];
    decision: ApprovalDecision['decision'];
    comment: string;
    artifactRevision: number;
    decidedAt: Date;
  }>,
): ApprovalDecision[] {
  return decisions.map(({ userId, role, decision, comment, artifactRevision, decidedAt }) => ({
    userId,
    role,
    decision,
    comment,
    artifactRevision,
    decidedAt,
  }));
}

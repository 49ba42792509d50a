import { isRoleAtLeast } from '../roles';
import {
  APPROVER_MIN_ROLE,
  type ApprovalDecision,
  type ApprovalEvidence,
  type ApprovalRequestState,
  type InvalidDecision,
  type InvalidDecisionCode,
} from './approval-types';
import { roleLabel } from './format';

export interface DecisionTally {
  validApprovals: number;
  /** The first valid rejection's author. */
  rejectedBy: string | undefined;
  invalidDecisions: InvalidDecision[];
}

/**
 * A total order on decisions, so the tally never depends on the order rows arrive in: earliest
 * first, then by user, a rejection before an approval at the same instant (the cautious reading
 * of a tie), then revision and comment.
 */
function compareDecisions(a: ApprovalDecision, b: ApprovalDecision): number {
  return (
    a.decidedAt.getTime() - b.decidedAt.getTime() ||
    compareStrings(a.userId, b.userId) ||
    compareStrings(b.decision, a.decision) ||
    a.artifactRevision - b.artifactRevision ||
    compareStrings(a.comment, b.comment)
  );
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Why a decision does not count on its own terms, before duplicates are considered. */
function disqualify(
  decision: ApprovalDecision,
  evidence: ApprovalEvidence,
  request: ApprovalRequestState,
): { code: InvalidDecisionCode; reason: string } | null {
  if (decision.userId === evidence.registrantUserId) {
    return { code: 'REGISTRANT', reason: 'registered this version, so cannot decide on it' };
  }
  if (evidence.runAuthorUserId !== null && decision.userId === evidence.runAuthorUserId) {
    return { code: 'RUN_AUTHOR', reason: 'authored the run behind this version, so cannot decide on it' };
  }
  if (!isRoleAtLeast(decision.role, APPROVER_MIN_ROLE)) {
    return {
      code: 'ROLE_TOO_LOW',
      reason: `held the ${roleLabel(decision.role)} role when deciding; ${roleLabel(APPROVER_MIN_ROLE)} or above is required`,
    };
  }
  if (decision.artifactRevision !== evidence.versionArtifactRevision) {
    return {
      code: 'STALE_REVISION',
      reason: `decided on artifact revision ${decision.artifactRevision}; the version is now at revision ${evidence.versionArtifactRevision}`,
    };
  }
  if (decision.decidedAt.getTime() >= request.expiresAt.getTime()) {
    return {
      code: 'AFTER_EXPIRY',
      reason: `decided at ${decision.decidedAt.toISOString()}, after the request expired at ${request.expiresAt.toISOString()}`,
    };
  }
  return null;
}

/**
 * Which decisions count. Each user counts once: their earliest decision that is valid on its own
 * terms; a re-vote after an artifact change is not a duplicate, since the earlier one is stale.
 * Both approvals and rejections are judged by the same rules: a rejection of an older artifact
 * or by someone who may not decide is no more evidence than such an approval.
 */
export function tallyDecisions(
  decisions: readonly ApprovalDecision[],
  evidence: ApprovalEvidence,
  request: ApprovalRequestState,
): DecisionTally {
  const counted = new Set<string>();
  const invalidDecisions: InvalidDecision[] = [];
  let validApprovals = 0;
  let rejectedBy: string | undefined;

  for (const decision of [...decisions].sort(compareDecisions)) {
    const { userId, decidedAt } = decision;
    const problem =
      disqualify(decision, evidence, request) ??
      (counted.has(userId)
        ? {
            code: 'DUPLICATE' as const,
            reason: 'already decided on this request; only the first decision counts',
          }
        : null);
    if (problem) {
      invalidDecisions.push({ userId, decision: decision.decision, decidedAt, ...problem });
      continue;
    }
    counted.add(userId);
    if (decision.decision === 'APPROVE') validApprovals += 1;
    else rejectedBy ??= userId;
  }

  return { validApprovals, rejectedBy, invalidDecisions };
}

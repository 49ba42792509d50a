import { isRoleAtLeast, type Role } from '../roles';
import { APPROVER_MIN_ROLE, type ApprovalDecision, type ApprovalRequestStatus } from './approval-types';
import { roleLabel } from './format';

export type DecideDenialCode =
  | 'ROLE_TOO_LOW'
  | 'SELF_APPROVAL_REGISTRANT'
  | 'SELF_APPROVAL_RUN_AUTHOR'
  | 'ALREADY_DECIDED'
  | 'EXPIRED'
  | 'ALREADY_VOTED';

export type CanDecideResult = { allowed: true } | { allowed: false; code: DecideDenialCode; reason: string };

export interface CanDecideOptions {
  userId: string;
  /** The user's current team role. */
  role: Role;
  registrantUserId: string;
  runAuthorUserId: string | null;
  requestStatus: ApprovalRequestStatus;
  now: Date;
  expiresAt: Date;
  /** The user's latest earlier decision on this request, if any. */
  priorDecisionByUser: Pick<ApprovalDecision, 'decision' | 'artifactRevision'> | null;
  /** The version's current artifact revision: a vote on an older one is stale and may be cast again. */
  versionArtifactRevision: number;
}

const DECIDED_STATUS_WORD: Record<Exclude<ApprovalRequestStatus, 'PENDING' | 'EXPIRED'>, string> = {
  APPROVED: 'approved',
  REJECTED: 'rejected',
};

/**
 * Whether a user may approve or reject a request now, with the message to show them and the code
 * to audit the denial with. Checked in order: who they are, then the request's state, then their
 * own earlier vote. The registrant and the run's author may not reject either: they are not
 * independent reviewers of their own work.
 */
export function canDecide(options: CanDecideOptions): CanDecideResult {
  const { userId, role, requestStatus, now, expiresAt, priorDecisionByUser } = options;
  if (!isRoleAtLeast(role, APPROVER_MIN_ROLE)) {
    return {
      allowed: false,
      code: 'ROLE_TOO_LOW',
      reason: `Only members with the ${roleLabel(APPROVER_MIN_ROLE)} or Admin role can approve or reject releases; your role in this team is ${roleLabel(role)}.`,
    };
  }
  if (userId === options.registrantUserId) {
    return {
      allowed: false,
      code: 'SELF_APPROVAL_REGISTRANT',
      reason: 'You registered this model version, so you cannot approve or reject it: another approver must.',
    };
  }
  if (options.runAuthorUserId !== null && userId === options.runAuthorUserId) {
    return {
      allowed: false,
      code: 'SELF_APPROVAL_RUN_AUTHOR',
      reason:
        'You authored the run that produced this model version, so you cannot approve or reject it: another approver must.',
    };
  }
  if (requestStatus === 'APPROVED' || requestStatus === 'REJECTED') {
    return {
      allowed: false,
      code: 'ALREADY_DECIDED',
      reason: `This approval request was already ${DECIDED_STATUS_WORD[requestStatus]}; no further decisions are taken.`,
    };
  }
  if (requestStatus === 'EXPIRED' || now.getTime() >= expiresAt.getTime()) {
    return {
      allowed: false,
      code: 'EXPIRED',
      reason: `This approval request expired at ${expiresAt.toISOString()}; ask the requester to open a new one.`,
    };
  }
  if (priorDecisionByUser && priorDecisionByUser.artifactRevision === options.versionArtifactRevision) {
    const verb = priorDecisionByUser.decision === 'APPROVE' ? 'approved' : 'rejected';
    return {
      allowed: false,
      code: 'ALREADY_VOTED',
      reason: `You already ${verb} this version on this request; each approver decides once.`,
    };
  }
  return { allowed: true };
}

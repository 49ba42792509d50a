import type { Role } from '../roles';

/** The weakest team role whose decisions count. */
export const APPROVER_MIN_ROLE: Role = 'APPROVER';

export const APPROVAL_REQUEST_STATUSES = ['PENDING', 'APPROVED', 'REJECTED', 'EXPIRED'] as const;
export type ApprovalRequestStatus = (typeof APPROVAL_REQUEST_STATUSES)[number];

export const APPROVAL_DECISIONS = ['APPROVE', 'REJECT'] as const;
export type ApprovalDecisionKind = (typeof APPROVAL_DECISIONS)[number];

/** What the policy is judged against, gathered by the service at evaluation time. */
export interface ApprovalEvidence {
  /** The linked run's final metrics captured at registration; MLflow lets these be NaN or ±Infinity. */
  versionMetrics: Record<string, number>;
  /** Metrics of the version now deployed in prod; null when nothing is in prod. */
  productionMetrics: Record<string, number> | null;
  /** Predicted monthly cost of the intended prod deployment; null when none is planned yet. */
  predictedMonthlyCostUsd: number | null;
  /** What is left of the team's monthly budget; null when the team has no budget. */
  remainingBudgetUsd: number | null;
  registrantUserId: string;
  runAuthorUserId: string | null;
  /** Bumped whenever the version's artifact changes; decisions on an older revision stop counting. */
  versionArtifactRevision: number;
}

export interface ApprovalDecision {
  userId: string;
  /** The decider's team role when they decided. */
  role: Role;
  decision: ApprovalDecisionKind;
  comment: string;
  /** The version's artifact revision the decider was looking at. */
  artifactRevision: number;
  decidedAt: Date;
}

export interface ApprovalRequestState {
  createdAt: Date;
  expiresAt: Date;
  status: ApprovalRequestStatus;
}

export type GateKind = 'metric' | 'beatsProduction' | 'budget' | 'approvals';

export interface GateResult {
  /** Stable within a policy: `metric-<index>`, `beats-production`, `budget`, `approvals`. */
  id: string;
  kind: GateKind;
  /** The rule itself, e.g. "accuracy >= 0.85". */
  label: string;
  /** null: cannot be evaluated yet (evidence still to come); it blocks approval like a failure. */
  passed: boolean | null;
  /** The measured number (may be NaN or ±Infinity, as logged); null when there is none. */
  actual: number | null;
  /** The number it is held against; null when there is none. */
  expected: number | null;
  /** A sentence with the numbers, e.g. "accuracy is 0.83, needs >= 0.85". */
  reason: string;
}

export type InvalidDecisionCode =
  | 'REGISTRANT'
  | 'RUN_AUTHOR'
  | 'ROLE_TOO_LOW'
  | 'STALE_REVISION'
  | 'AFTER_EXPIRY'
  | 'DUPLICATE';

export interface InvalidDecision {
  userId: string;
  decision: ApprovalDecisionKind;
  decidedAt: Date;
  code: InvalidDecisionCode;
  reason: string;
}

export interface ApprovalEvaluation {
  status: ApprovalRequestStatus;
  gates: GateResult[];
  validApprovals: number;
  /** The policy's N: approvals required in total. */
  approvalsNeeded: number;
  /** How many more valid approvals it takes (0 once the quorum is met). */
  approvalsMissing: number;
  invalidDecisions: InvalidDecision[];
  /** The first valid rejection's author, when there is one. */
  rejectedBy?: string;
  /** Every gate passed, the quorum is met and nobody validly rejected. */
  isSatisfied: boolean;
}

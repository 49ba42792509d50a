import type { ApprovalPolicy } from '../schemas/approval-policy';
import type {
  ApprovalDecision,
  ApprovalEvaluation,
  ApprovalEvidence,
  ApprovalRequestState,
  ApprovalRequestStatus,
  GateResult,
} from './approval-types';
import {
  evaluateApprovalsGate,
  evaluateBeatsProductionGate,
  evaluateBudgetGate,
  evaluateMetricGate,
} from './gates';
import { tallyDecisions } from './tally-decisions';

export interface EvaluateApprovalPolicyOptions {
  policy: ApprovalPolicy;
  evidence: ApprovalEvidence;
  decisions: readonly ApprovalDecision[];
  request: ApprovalRequestState;
  /** The evaluation instant; passed in so the same inputs always give the same answer. */
  now: Date;
}

/**
 * Says where an approval request stands under a policy, with every gate's numbers. Pure and
 * deterministic: decisions may come in any order.
 *
 * - Rejected on any valid rejection, even once the quorum is met.
 * - Approved when every gate passed (none failed or still unknown) and the quorum is met.
 * - Expired when `now >= expiresAt` and it is neither; decisions made after expiry do not count.
 * - A request whose stored status is already APPROVED, REJECTED or EXPIRED keeps it: an outcome is
 *   final, and a later artifact or policy change needs a new request. Its gates are still
 *   evaluated, for display.
 * - Budget gate (when the policy asks for it): no team budget passes ("no budget set"); a budget
 *   but no planned prod deployment is `passed: null` and blocks approval until a deployment with
 *   a predicted cost is planned. Blocking only in that case keeps teams without budgets
 *   unaffected while a budget cannot be dodged by not planning the deployment.
 */
export function evaluateApprovalPolicy({
  policy,
  evidence,
  decisions,
  request,
  now,
}: EvaluateApprovalPolicyOptions): ApprovalEvaluation {
  const tally = tallyDecisions(decisions, evidence, request);

  const gates: GateResult[] = policy.metricGates.map((gate, index) =>
    evaluateMetricGate(gate, index, evidence.versionMetrics),
  );
  if (policy.beatsProduction) {
    gates.push(
      evaluateBeatsProductionGate(
        policy.beatsProduction,
        evidence.versionMetrics,
        evidence.productionMetrics,
      ),
    );
  }
  if (policy.budgetHeadroom) {
    gates.push(evaluateBudgetGate(evidence.predictedMonthlyCostUsd, evidence.remainingBudgetUsd));
  }
  gates.push(evaluateApprovalsGate(tally.validApprovals, policy.requiredApprovals));

  const isSatisfied = tally.rejectedBy === undefined && gates.every((gate) => gate.passed === true);

  let status: ApprovalRequestStatus;
  if (request.status !== 'PENDING') status = request.status;
  else if (tally.rejectedBy !== undefined) status = 'REJECTED';
  else if (isSatisfied) status = 'APPROVED';
  else if (now.getTime() >= request.expiresAt.getTime()) status = 'EXPIRED';
  else status = 'PENDING';

  return {
    status,
    gates,
    validApprovals: tally.validApprovals,
    approvalsNeeded: policy.requiredApprovals,
    approvalsMissing: Math.max(0, policy.requiredApprovals - tally.validApprovals),
    invalidDecisions: tally.invalidDecisions,
    ...(tally.rejectedBy !== undefined && { rejectedBy: tally.rejectedBy }),
    isSatisfied,
  };
}

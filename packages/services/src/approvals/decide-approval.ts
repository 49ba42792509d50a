import type { ApprovalEvaluation } from '@cairn/core/approval/approval-types';
import { canDecide, type DecideDenialCode } from '@cairn/core/approval/can-decide';
import { evaluateApprovalPolicy } from '@cairn/core/approval/evaluate-policy';
import { DomainError, type DomainErrorCode, notFound } from '@cairn/core/errors';
import type { DecideApprovalInput } from '@cairn/core/schemas/approval-request';
import { recordAttempt, recordAudit } from '../audit/record-audit';
import { requireQueue, type ServiceContext } from '../context';
import { enqueueJob } from '../jobs/enqueue-job';
import { syncModelVersionApprovalJob } from '../jobs/job-contracts';
import { notify } from '../notifications/notify';
import { emitWebhookEvent } from '../webhooks/emit-webhook-event';
import { gatherEvidence, toStoredJson } from './approval-evidence';
import { approvalRequestPath } from './approval-links';
import { personInTeam } from './approver-role';
import { expireOverdueRequest } from './expire-approval-requests';
import { coreDecisions, loadApprovalRequest, requestPolicy } from './load-approval-request';
import { startReleasePipelines } from './start-release-pipelines';

const DENIAL_ERROR: Record<DecideDenialCode, DomainErrorCode> = {
  ROLE_TOO_LOW: 'FORBIDDEN',
  SELF_APPROVAL_REGISTRANT: 'FORBIDDEN',
  SELF_APPROVAL_RUN_AUTHOR: 'FORBIDDEN',
  ALREADY_DECIDED: 'CONFLICT',
  EXPIRED: 'PRECONDITION_FAILED',
  ALREADY_VOTED: 'CONFLICT',
};

/** "1 of 2 approvals; auc gate not passed yet": the quorum, then the gates still in the way. */
function progressSentence(evaluation: ApprovalEvaluation): string {
  const blocking = evaluation.gates.filter((gate) => gate.kind !== 'approvals' && gate.passed !== true);
  const approvals = `${evaluation.validApprovals} of ${evaluation.approvalsNeeded} approvals`;
  if (blocking.length === 0) return `${approvals}; every gate passes`;
  return `${approvals}; not passed yet: ${blocking.map((gate) => gate.label).join(', ')}`;
}

type Outcome =
  | { kind: 'decided'; requestId: string; status: string; evaluation: ApprovalEvaluation }
  | { kind: 'denied'; code: DecideDenialCode; reason: string; teamId: string };

/**
 * An approver approves or rejects a request. The request row is locked for the whole decision, so
 * two approvers deciding at once are taken one after the other, each against the state the other
 * left. The decision is stored with the policy, evidence and evaluation in force at that moment.
 * When the policy is satisfied the request is approved: the version's status changes, the
 * SageMaker mirror and the release pipelines are started, the requester is told. A refusal (self-
 * approval, role, expiry, already decided) is audited with its reason and changes nothing else.
 */
export async function decideApproval(ctx: ServiceContext, input: DecideApprovalInput) {
  const queue = requireQueue(ctx);
  const person = personInTeam(ctx, input.teamId);
  const outcome = await ctx.db.$transaction(async (tx): Promise<Outcome> => {
    await tx.$queryRaw`SELECT id FROM "ApprovalRequest" WHERE id = ${input.requestId}::uuid AND "teamId" = ${input.teamId}::uuid FOR UPDATE`;
    const request = await loadApprovalRequest(tx, input.teamId, input.requestId);
    if (!request) throw notFound('Approval request');
    const version = request.modelVersion;
    const now = new Date();
    const isExpired = await expireOverdueRequest(tx, ctx, request, now);
    const prior = request.decisions.filter((decision) => decision.userId === person.userId).at(-1) ?? null;
    const check = canDecide({
      userId: person.userId,
      role: person.role ?? 'VIEWER',
      registrantUserId: version.createdById ?? '',
      runAuthorUserId: version.run.createdById,
      requestStatus: isExpired ? 'EXPIRED' : request.status,
      now,
      expiresAt: request.expiresAt,
      priorDecisionByUser: prior,
      versionArtifactRevision: version.artifactRevision,
    });
    if (!check.allowed)
      return { kind: 'denied', code: check.code, reason: check.reason, teamId: request.teamId };

    const policy = requestPolicy(request);
    const evidence = await gatherEvidence(tx, version);
    const decision = {
      userId: person.userId,
      role: person.role ?? 'VIEWER',
      decision: input.decision,
      comment: input.comment,
      artifactRevision: version.artifactRevision,
      decidedAt: now,
    } as const;
    const evaluation = evaluateApprovalPolicy({
      policy,
      evidence,
      decisions: [...coreDecisions(request.decisions), decision],
      request: { createdAt: request.createdAt, expiresAt: request.expiresAt, status: 'PENDING' },
      now,
    });
    await tx.approvalDecision.create({
      data: {
        ...decision,
        requestId: request.id,
        teamId: request.teamId,
        policy,
        evidence: toStoredJson(evidence) as object,
        evaluation: toStoredJson(evaluation) as object,
      },
    });
    const isFinal = evaluation.status === 'APPROVED' || evaluation.status === 'REJECTED';
    if (isFinal) {
      await tx.approvalRequest.update({
        where: { id: request.id },
        data: { status: evaluation.status, decidedAt: now },
      });
      const approvalStatus = evaluation.status === 'APPROVED' ? 'APPROVED' : 'REJECTED';
      // A rejection for one environment does not take back an approval already given for another.
      if (approvalStatus === 'APPROVED' || version.approvalStatus === 'PENDING_MANUAL_APPROVAL') {
        await tx.modelVersion.update({ where: { id: version.id }, data: { approvalStatus } });
        await enqueueJob(tx, queue, syncModelVersionApprovalJob, {
          teamId: version.teamId,
          modelVersionId: version.id,
          requestedByUserId: person.userId,
          requestedByLabel: person.email,
        });
      }
    }
    await recordAudit(tx, ctx, {
      action: 'approval.decide',
      resourceType: 'ApprovalRequest',
      resourceId: request.id,
      teamId: request.teamId,
      before: { status: request.status },
      after: {
        decision: input.decision,
        comment: input.comment,
        artifactRevision: version.artifactRevision,
        status: evaluation.status,
        validApprovals: evaluation.validApprovals,
        approvalsNeeded: evaluation.approvalsNeeded,
        modelVersionId: version.id,
      },
    });
    const title = `${version.modelGroup.name} v${version.version}`;
    const link = approvalRequestPath(request.teamId, request.id);
    if (evaluation.status === 'APPROVED') {
      const approvers = await tx.user.findMany({
        where: { id: { in: [...new Set([...request.decisions.map((d) => d.userId), person.userId])] } },
        select: { email: true },
      });
      await startReleasePipelines(tx, ctx, queue, {
        version,
        approvalRequestId: request.id,
        environment: request.environment,
        approvedBy: approvers.map((approver) => approver.email),
        requestedBy: { userId: person.userId, label: person.email },
      });
      await notify(tx, [request.requestedById], {
        teamId: request.teamId,
        kind: 'approval.approved',
        title: `${title} is approved`,
        body: `${person.email} gave the last approval it needed${input.comment ? `: ${input.comment}` : ''}`,
        link,
      });
    } else if (evaluation.status === 'REJECTED') {
      await notify(tx, [request.requestedById], {
        teamId: request.teamId,
        kind: 'approval.rejected',
        title: `${title} was rejected`,
        body: `${person.email}: ${input.comment}`,
        link,
      });
    } else {
      await notify(tx, [request.requestedById], {
        teamId: request.teamId,
        kind: 'approval.progress',
        title: `${person.email} approved ${title}`,
        body: progressSentence(evaluation),
        link,
      });
    }
    if (isFinal) {
      await emitWebhookEvent(tx, queue, {
        teamId: request.teamId,
        projectId: request.projectId,
        event: evaluation.status === 'APPROVED' ? 'model_version.approved' : 'model_version.rejected',
        data: {
          modelVersionId: version.id,
          modelGroup: version.modelGroup.name,
          version: version.version,
          approvalRequestId: request.id,
          environment: request.environment,
          decidedBy: person.email,
          comment: input.comment,
        },
      });
    }
    return { kind: 'decided', requestId: request.id, status: evaluation.status, evaluation };
  });

  if (outcome.kind === 'denied') {
    await recordAttempt(ctx, {
      action: 'approval.decide',
      resourceType: 'ApprovalRequest',
      resourceId: input.requestId,
      teamId: outcome.teamId,
      outcome: 'DENIED',
      reason: `${outcome.code}: ${outcome.reason}`,
      after: { decision: input.decision },
    });
    throw new DomainError(DENIAL_ERROR[outcome.code], outcome.reason, { isAudited: true });
  }
  return { requestId: outcome.requestId, status: outcome.status, evaluation: outcome.evaluation };
}

import { canDecide } from '@cairn/core/approval/can-decide';
import { evaluateApprovalPolicy } from '@cairn/core/approval/evaluate-policy';
import { notFound } from '@cairn/core/errors';
import type { GetApprovalRequestInput } from '@cairn/core/schemas/approval-request';
import type { ServiceContext } from '../context';
import { projectForPerson } from '../model-versions/model-version-access';
import { findProductionVersion, gatherEvidence } from './approval-evidence';
import { personInTeam } from './approver-role';
import { coreDecisions, loadApprovalRequest, requestPolicy } from './load-approval-request';

type StoredMetrics = Record<string, { value: string }>;

/**
 * A request with everything an approver weighs, evaluated now: the gates with their numbers, the
 * version's metrics next to production's, the params that differ from production's run, the model
 * card, the budget, the decisions so far (and which count), and whether the viewer may decide.
 */
export async function getApprovalRequest(ctx: ServiceContext, input: GetApprovalRequestInput) {
  const request = await loadApprovalRequest(ctx.db, input.teamId, input.requestId);
  if (!request) throw notFound('Approval request');
  await projectForPerson(
    ctx.db,
    ctx,
    { teamId: request.teamId, projectId: request.projectId },
    'project:read',
  );
  const version = request.modelVersion;
  const now = new Date();
  const policy = requestPolicy(request);
  const [evidence, production, people] = await Promise.all([
    gatherEvidence(ctx.db, version),
    findProductionVersion(ctx.db, version),
    ctx.db.user.findMany({
      where: {
        id: {
          in: [request.requestedById, version.createdById, version.run.createdById].filter(
            (id) => id !== null,
          ),
        },
      },
      select: { id: true, name: true, email: true },
    }),
  ]);
  const decisions = coreDecisions(request.decisions);
  const evaluation = evaluateApprovalPolicy({ policy, evidence, decisions, request, now });
  const person = (id: string | null) => people.find((user) => user.id === id) ?? null;

  const [candidateParams, productionParams] = await Promise.all([
    ctx.db.runParam.findMany({ where: { runId: version.runId }, select: { key: true, value: true } }),
    production
      ? ctx.db.runParam.findMany({ where: { runId: production.run.id }, select: { key: true, value: true } })
      : Promise.resolve([]),
  ]);
  const candidate = new Map(candidateParams.map((param) => [param.key, param.value]));
  const released = new Map(productionParams.map((param) => [param.key, param.value]));
  const paramsDiff = [...new Set([...candidate.keys(), ...released.keys()])].sort().map((key) => {
    const a = candidate.get(key) ?? null;
    const b = production ? (released.get(key) ?? null) : null;
    return { key, candidate: a, production: b, isDifferent: production !== null && a !== b };
  });

  const versionMetrics = (version.capturedMetrics ?? {}) as StoredMetrics;
  const productionMetrics = (production?.capturedMetrics ?? {}) as StoredMetrics;
  const metrics = [...new Set([...Object.keys(versionMetrics), ...Object.keys(productionMetrics)])]
    .sort()
    .map((key) => ({
      key,
      value: versionMetrics[key]?.value ?? null,
      production: production ? (productionMetrics[key]?.value ?? null) : null,
    }));

  const invalid = new Map(
    evaluation.invalidDecisions.map((entry) => [
      `${entry.userId}:${entry.decidedAt.getTime()}`,
      entry.reason,
    ]),
  );
  const viewer = personInTeam(ctx, request.teamId);
  const prior = request.decisions.filter((decision) => decision.userId === viewer.userId).at(-1) ?? null;
  const check = canDecide({
    userId: viewer.userId,
    role: viewer.role ?? 'VIEWER',
    registrantUserId: version.createdById ?? '',
    runAuthorUserId: version.run.createdById,
    requestStatus: evaluation.status,
    now,
    expiresAt: request.expiresAt,
    priorDecisionByUser: prior,
    versionArtifactRevision: version.artifactRevision,
  });

  return {
    request: {
      id: request.id,
      projectId: request.projectId,
      status: evaluation.status,
      environment: request.environment,
      notes: request.notes,
      createdAt: request.createdAt,
      expiresAt: request.expiresAt,
      decidedAt: request.decidedAt,
      requestedBy: person(request.requestedById),
    },
    version: {
      id: version.id,
      version: version.version,
      modelGroup: version.modelGroup,
      artifactUri: version.artifactUri,
      inferenceImageUri: version.inferenceImageUri,
      framework: version.framework,
      description: version.description,
      modelCard: version.modelCard as {
        intendedUse?: string;
        limitations?: string;
        trainingData?: string;
        evaluation?: string;
      },
      artifactRevision: version.artifactRevision,
      approvalStatus: version.approvalStatus,
      awsStatus: version.awsStatus,
      awsArn: version.awsArn,
      awsApprovalStatus: version.awsApprovalStatus,
      createdAt: version.createdAt,
      createdBy: person(version.createdById),
      run: {
        id: version.run.id,
        name: version.run.name,
        experimentId: version.run.experimentId,
        experimentName: version.run.experiment.name,
        authorName: person(version.run.createdById)?.name ?? null,
      },
    },
    policy,
    evaluation,
    evidence: {
      metrics,
      production: production
        ? {
            modelVersionId: production.id,
            version: production.version,
            runId: production.run.id,
            runName: production.run.name,
          }
        : null,
      paramsDiff,
      predictedMonthlyCostUsd: evidence.predictedMonthlyCostUsd,
      remainingBudgetUsd: evidence.remainingBudgetUsd,
    },
    decisions: request.decisions.map((decision) => {
      const invalidReason = invalid.get(`${decision.userId}:${decision.decidedAt.getTime()}`) ?? null;
      return {
        id: decision.id,
        user: decision.user,
        role: decision.role,
        decision: decision.decision,
        comment: decision.comment,
        artifactRevision: decision.artifactRevision,
        decidedAt: decision.decidedAt,
        isCounted: invalidReason === null,
        invalidReason,
      };
    }),
    viewer: check.allowed
      ? { canDecide: true, cannotDecideReason: null }
      : { canDecide: false, cannotDecideReason: check.reason },
  };
}

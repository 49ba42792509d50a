import type { ApprovalEvidence } from '@cairn/core/approval/approval-types';
import { previewMonthlyCost } from '@cairn/core/deployments/cost-preview';
import { deploymentSpecSchema } from '@cairn/core/schemas/deployment';
import { costAssumptionsSchema } from '@cairn/core/schemas/deployment-request';
import { decodeMetricValue } from '@cairn/core/schemas/model-version';
import type { Db } from '@cairn/db/client';
import { LIVE_DEPLOYMENT_STATUSES, remainingMonthlyBudget } from '../deployments/team-budget';

/** A version as evidence needs it. */
export interface EvidenceVersion {
  id: string;
  teamId: string;
  modelGroupId: string;
  capturedMetrics: unknown;
  createdById: string | null;
  artifactRevision: number;
  run: { createdById: string | null };
}

type StoredMetrics = Record<string, { value: string }>;

/** The captured metrics as numbers; NaN and ±Infinity come back as logged. */
export function decodeCapturedMetrics(stored: unknown): Record<string, number> {
  const metrics: Record<string, number> = {};
  for (const [key, metric] of Object.entries((stored ?? {}) as StoredMetrics)) {
    metrics[key] = decodeMetricValue(metric.value);
  }
  return metrics;
}

const PRODUCTION_VERSION_SELECT = {
  id: true,
  version: true,
  capturedMetrics: true,
  run: { select: { id: true, name: true } },
} as const;

/**
 * The version in production for the candidate's group: the one its live prod endpoint serves or,
 * when nothing of the group is deployed in prod, the one whose prod approval was granted last
 * (other than the candidate itself). Null when the group never reached prod.
 */
export async function findProductionVersion(db: Db, version: Pick<EvidenceVersion, 'id' | 'modelGroupId'>) {
  const deployed = await db.deployment.findFirst({
    where: {
      environment: { name: 'PROD' },
      status: 'IN_SERVICE',
      type: { not: 'BATCH' },
      modelVersion: { modelGroupId: version.modelGroupId },
    },
    orderBy: { id: 'desc' },
    select: { modelVersion: { select: PRODUCTION_VERSION_SELECT } },
  });
  if (deployed && deployed.modelVersion.id !== version.id) return deployed.modelVersion;
  const request = await db.approvalRequest.findFirst({
    where: {
      environment: 'PROD',
      status: 'APPROVED',
      modelVersion: { modelGroupId: version.modelGroupId, id: { not: version.id } },
    },
    orderBy: { decidedAt: 'desc' },
    select: { modelVersion: { select: PRODUCTION_VERSION_SELECT } },
  });
  return request?.modelVersion ?? null;
}

/**
 * The prod deployment the version would replace: the group's live endpoint in prod. Releasing the
 * version there means the same shape with this version, so its predicted cost is that spec's.
 */
async function intendedProdDeployment(db: Db, version: EvidenceVersion) {
  const live = await db.deployment.findFirst({
    where: {
      teamId: version.teamId,
      environment: { name: 'PROD' },
      status: { in: [...LIVE_DEPLOYMENT_STATUSES] },
      modelVersion: { modelGroupId: version.modelGroupId },
    },
    orderBy: { id: 'desc' },
    select: { id: true, spec: true },
  });
  if (!live) return null;
  const stored = live.spec as Record<string, unknown>;
  const spec = deploymentSpecSchema.safeParse({ ...stored, modelVersionId: version.id });
  if (!spec.success) return null;
  const assumptions = costAssumptionsSchema.safeParse(stored.assumptions ?? {});
  const cost = previewMonthlyCost(spec.data, assumptions.success ? assumptions.data : {});
  return { replacesDeploymentId: live.id, predictedMonthlyCostUsd: cost.totalUsd };
}

/**
 * What the policy is judged against, read now: the version's captured metrics, production's, the
 * predicted monthly cost of releasing it to prod (the shape of the group's live prod deployment,
 * when there is one) and what is left of the team's budget (the budget minus the predicted cost of
 * what the team already runs, not counting the deployment the version would replace).
 */
export async function gatherEvidence(db: Db, version: EvidenceVersion): Promise<ApprovalEvidence> {
  const [production, intended] = await Promise.all([
    findProductionVersion(db, version),
    intendedProdDeployment(db, version),
  ]);
  const budget = await remainingMonthlyBudget(db, version.teamId, {
    excludingDeploymentIds: intended ? [intended.replacesDeploymentId] : [],
  });
  return {
    versionMetrics: decodeCapturedMetrics(version.capturedMetrics),
    productionMetrics: production ? decodeCapturedMetrics(production.capturedMetrics) : null,
    predictedMonthlyCostUsd: intended?.predictedMonthlyCostUsd ?? null,
    remainingBudgetUsd: budget?.remainingUsd ?? null,
    registrantUserId: version.createdById ?? '',
    runAuthorUserId: version.run.createdById,
    versionArtifactRevision: version.artifactRevision,
  };
}

/** JSON keeps no NaN or Infinity: they are stored as their names, like captured metrics. */
export function toStoredJson(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (_key, item) =>
      typeof item === 'number' && !Number.isFinite(item) ? String(item) : item,
    ),
  );
}

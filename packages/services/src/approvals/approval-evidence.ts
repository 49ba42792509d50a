import type { ApprovalEvidence } from '@cairn/core/approval/approval-types';
import { decodeMetricValue } from '@cairn/core/schemas/model-version';
import type { Db } from '@cairn/db/client';

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

/**
 * The version now released to production in the same group: the one whose PROD approval request
 * was approved last (other than the candidate itself). Null when the group has never released.
 */
export async function findProductionVersion(db: Db, version: Pick<EvidenceVersion, 'id' | 'modelGroupId'>) {
  const request = await db.approvalRequest.findFirst({
    where: {
      environment: 'PROD',
      status: 'APPROVED',
      modelVersion: { modelGroupId: version.modelGroupId, id: { not: version.id } },
    },
    orderBy: { decidedAt: 'desc' },
    select: {
      modelVersion: {
        select: {
          id: true,
          version: true,
          capturedMetrics: true,
          run: { select: { id: true, name: true } },
        },
      },
    },
  });
  return request?.modelVersion ?? null;
}

/**
 * What the policy is judged against, read now: the version's captured metrics, production's, and
 * the team's remaining budget. No deployment of the version is planned yet, so there is no
 * predicted cost: a budget gate on a team with a budget waits (core's rule).
 */
export async function gatherEvidence(db: Db, version: EvidenceVersion): Promise<ApprovalEvidence> {
  const [production, team] = await Promise.all([
    findProductionVersion(db, version),
    db.team.findUniqueOrThrow({ where: { id: version.teamId }, select: { monthlyBudgetUsd: true } }),
  ]);
  return {
    versionMetrics: decodeCapturedMetrics(version.capturedMetrics),
    productionMetrics: production ? decodeCapturedMetrics(production.capturedMetrics) : null,
    predictedMonthlyCostUsd: null,
    remainingBudgetUsd: team.monthlyBudgetUsd === null ? null : Number(team.monthlyBudgetUsd),
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

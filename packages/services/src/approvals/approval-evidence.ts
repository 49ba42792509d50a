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
  modelGroupId: true,
  run: { select: { id: true, name: true } },
} as const;

type GroupVersion = { modelVersion: { id: string; modelGroupId: string } };

/** The rows of each model group, in their order. */
function rowsByGroup<T extends GroupVersion>(rows: T[]): Map<string, T[]> {
  const byGroup = new Map<string, T[]>();
  for (const row of rows) {
    const list = byGroup.get(row.modelVersion.modelGroupId) ?? [];
    list.push(row);
    byGroup.set(row.modelVersion.modelGroupId, list);
  }
  return byGroup;
}

/**
 * Where the candidates' groups stand in prod, read once for all of them: the versions their live
 * prod endpoints serve (newest deployment first), the versions granted prod approval (last granted
 * first), and the live prod deployments a release would replace.
 */
async function readProdStanding(
  db: Db,
  versions: readonly Pick<EvidenceVersion, 'modelGroupId' | 'teamId'>[],
) {
  const modelGroupId = { in: [...new Set(versions.map((version) => version.modelGroupId))] };
  const [serving, approved, live] = await Promise.all([
    db.deployment.findMany({
      where: {
        environment: { name: 'PROD' },
        status: 'IN_SERVICE',
        type: { not: 'BATCH' },
        modelVersion: { modelGroupId },
      },
      orderBy: { id: 'desc' },
      select: { modelVersion: { select: PRODUCTION_VERSION_SELECT } },
    }),
    db.approvalRequest.findMany({
      where: { environment: 'PROD', status: 'APPROVED', modelVersion: { modelGroupId } },
      orderBy: { decidedAt: 'desc' },
      select: { modelVersion: { select: PRODUCTION_VERSION_SELECT } },
    }),
    db.deployment.findMany({
      where: {
        teamId: { in: [...new Set(versions.map((version) => version.teamId))] },
        environment: { name: 'PROD' },
        status: { in: [...LIVE_DEPLOYMENT_STATUSES] },
        modelVersion: { modelGroupId },
      },
      orderBy: { id: 'desc' },
      select: {
        id: true,
        teamId: true,
        spec: true,
        modelVersion: { select: { id: true, modelGroupId: true } },
      },
    }),
  ]);
  return { serving: rowsByGroup(serving), approved: rowsByGroup(approved), live: rowsByGroup(live) };
}

type ProdStanding = Awaited<ReturnType<typeof readProdStanding>>;

/**
 * The version in production for the candidate's group: the one its live prod endpoint serves or,
 * when nothing of the group is deployed in prod, the one whose prod approval was granted last
 * (other than the candidate itself). Null when the group never reached prod.
 */
function productionVersionIn(standing: ProdStanding, version: Pick<EvidenceVersion, 'id' | 'modelGroupId'>) {
  const deployed = standing.serving.get(version.modelGroupId)?.[0];
  if (deployed && deployed.modelVersion.id !== version.id) return deployed.modelVersion;
  const granted = standing.approved
    .get(version.modelGroupId)
    ?.find((row) => row.modelVersion.id !== version.id);
  return granted?.modelVersion ?? null;
}

export async function findProductionVersion(db: Db, version: EvidenceVersion) {
  return productionVersionIn(await readProdStanding(db, [version]), version);
}

/**
 * The prod deployment the version would replace: the group's live endpoint in prod. Releasing the
 * version there means the same shape with this version, so its predicted cost is that spec's.
 */
function intendedProdDeployment(standing: ProdStanding, version: EvidenceVersion) {
  const live = standing.live.get(version.modelGroupId)?.find((row) => row.teamId === version.teamId);
  if (!live) return null;
  const stored = live.spec as Record<string, unknown>;
  const spec = deploymentSpecSchema.safeParse({ ...stored, modelVersionId: version.id });
  if (!spec.success) return null;
  const assumptions = costAssumptionsSchema.safeParse(stored.assumptions ?? {});
  const cost = previewMonthlyCost(spec.data, assumptions.success ? assumptions.data : {});
  return { replacesDeploymentId: live.id, predictedMonthlyCostUsd: cost.totalUsd };
}

/**
 * What each version's policy is judged against, read now: its captured metrics, production's, the
 * predicted monthly cost of releasing it to prod (the shape of the group's live prod deployment,
 * when there is one) and what is left of the team's budget (the budget minus the predicted cost of
 * what the team already runs, not counting the deployment the version would replace). Read for
 * many versions at once (the approver desk) in a handful of statements, not a handful each.
 */
export async function gatherEvidenceFor(
  db: Db,
  versions: readonly EvidenceVersion[],
): Promise<ApprovalEvidence[]> {
  if (versions.length === 0) return [];
  const standing = await readProdStanding(db, versions);
  const budgets = new Map<string, ReturnType<typeof remainingMonthlyBudget>>();
  const budgetOf = (teamId: string, excluded: string[]) => {
    const key = `${teamId}/${excluded.join(',')}`;
    let budget = budgets.get(key);
    if (!budget) {
      budget = remainingMonthlyBudget(db, teamId, { excludingDeploymentIds: excluded });
      budgets.set(key, budget);
    }
    return budget;
  };
  return Promise.all(
    versions.map(async (version) => {
      const production = productionVersionIn(standing, version);
      const intended = intendedProdDeployment(standing, version);
      const budget = await budgetOf(version.teamId, intended ? [intended.replacesDeploymentId] : []);
      return {
        versionMetrics: decodeCapturedMetrics(version.capturedMetrics),
        productionMetrics: production ? decodeCapturedMetrics(production.capturedMetrics) : null,
        predictedMonthlyCostUsd: intended?.predictedMonthlyCostUsd ?? null,
        remainingBudgetUsd: budget?.remainingUsd ?? null,
        registrantUserId: version.createdById ?? '',
        runAuthorUserId: version.run.createdById,
        versionArtifactRevision: version.artifactRevision,
      };
    }),
  );
}

export async function gatherEvidence(db: Db, version: EvidenceVersion): Promise<ApprovalEvidence> {
  const [evidence] = await gatherEvidenceFor(db, [version]);
  return evidence as ApprovalEvidence;
}

/** JSON keeps no NaN or Infinity: they are stored as their names, like captured metrics. */
export function toStoredJson(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (_key, item) =>
      typeof item === 'number' && !Number.isFinite(item) ? String(item) : item,
    ),
  );
}

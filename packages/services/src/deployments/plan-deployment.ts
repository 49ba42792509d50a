import { compareWithBudget } from '@cairn/core/deployments/compare-with-budget';
import { previewMonthlyCost } from '@cairn/core/deployments/cost-preview';
import type { DeploymentIssue } from '@cairn/core/deployments/deployment-issue';
import { deploymentWarnings } from '@cairn/core/deployments/deployment-warnings';
import { validateDeployment } from '@cairn/core/deployments/validate-deployment';
import type { DeploymentSpec } from '@cairn/core/schemas/deployment';
import type { CostAssumptions } from '@cairn/core/schemas/deployment-request';
import type { Db } from '@cairn/db/client';
import { LIVE_DEPLOYMENT_STATUSES, remainingMonthlyBudget } from './team-budget';

const ENDPOINT_TYPES = ['REALTIME', 'SERVERLESS', 'ASYNC'] as const;
const ENV_LABEL = { DEV: 'dev', STAGING: 'staging', PROD: 'prod' } as const;

/**
 * Everything the wizard shows and the create step enforces, worked out in one place: SageMaker's
 * refusals, the promotion rules (prod takes approved versions that ran in staging), which endpoint
 * the deployment lands on (a new one, or the group's endpoint in that environment, updated), the
 * cost and the budget.
 */
export async function planDeployment(
  db: Db,
  project: { id: string; teamId: string },
  spec: DeploymentSpec,
  assumptions: CostAssumptions,
) {
  const issues: DeploymentIssue[] = [...validateDeployment(spec)];
  const warnings = deploymentWarnings(spec);
  const environment = await db.environment.findUnique({
    where: { projectId_name: { projectId: project.id, name: spec.environment } },
  });
  const version = await db.modelVersion.findFirst({
    where: { id: spec.modelVersionId, projectId: project.id, teamId: project.teamId },
    include: { modelGroup: { select: { id: true, name: true } } },
  });
  if (!environment)
    issues.push({
      field: 'environment',
      code: 'no_environment',
      message: 'This project has no such environment',
    });
  if (!version) {
    issues.push({
      field: 'modelVersionId',
      code: 'no_version',
      message: 'Model version not found in this project',
    });
  } else {
    if (version.awsStatus !== 'READY') {
      issues.push({
        field: 'modelVersionId',
        code: 'package_not_ready',
        message:
          version.awsStatus === 'FAILED'
            ? `Version ${version.version} has no SageMaker model package (${version.awsError ?? 'creation failed'}); register it again`
            : `Version ${version.version} is still being registered in SageMaker; deploy it once its model package exists`,
      });
    }
    if (spec.environment === 'PROD' && version.approvalStatus !== 'APPROVED') {
      issues.push({
        field: 'modelVersionId',
        code: 'not_approved',
        message: `Prod takes approved versions only; version ${version.version} is ${version.approvalStatus === 'REJECTED' ? 'rejected' : 'waiting for approval'}`,
      });
    }
    if (spec.environment === 'PROD' && environment?.requiresStagingFirst) {
      const staged = await db.deployment.count({
        where: {
          modelVersionId: version.id,
          environment: { projectId: project.id, name: 'STAGING' },
          OR: [{ status: { in: ['IN_SERVICE', 'SUCCEEDED'] } }, { inServiceAt: { not: null } }],
        },
      });
      if (staged === 0) {
        issues.push({
          field: 'environment',
          code: 'staging_first',
          message: `Version ${version.version} has not been in service in staging yet; this project promotes to prod through staging`,
        });
      }
    }
  }
  if (spec.type !== 'BATCH' && spec.strategy.kind === 'AB') {
    for (const [index, variant] of spec.strategy.variants.entries()) {
      const other = await db.modelVersion.findFirst({
        where: { id: variant.modelVersionId, projectId: project.id },
        select: { approvalStatus: true, awsStatus: true, version: true },
      });
      if (!other) {
        issues.push({
          field: `strategy.variants.${index}.modelVersionId`,
          code: 'no_version',
          message: 'Variant model version not found in this project',
        });
      } else if (spec.environment === 'PROD' && other.approvalStatus !== 'APPROVED') {
        issues.push({
          field: `strategy.variants.${index}.modelVersionId`,
          code: 'not_approved',
          message: `Prod takes approved versions only; variant version ${other.version} is not approved`,
        });
      }
    }
  }

  // Which endpoint: the group's live endpoint in this environment is updated (that is what a canary
  // shifts traffic from); otherwise a new one is created.
  const current =
    version && environment && spec.type !== 'BATCH'
      ? await db.deployment.findFirst({
          where: {
            environmentId: environment.id,
            type: { in: [...ENDPOINT_TYPES] },
            status: { in: [...LIVE_DEPLOYMENT_STATUSES] },
            modelVersion: { modelGroupId: version.modelGroup.id },
          },
          orderBy: { id: 'desc' },
        })
      : null;
  if (current && current.status !== 'IN_SERVICE') {
    issues.push({
      field: 'environment',
      code: 'endpoint_busy',
      message: `The ${version?.modelGroup.name} endpoint in ${ENV_LABEL[spec.environment]} is ${current.status.toLowerCase().replaceAll('_', ' ')}; wait until it settles`,
    });
  } else if (current && current.type !== spec.type) {
    issues.push({
      field: 'type',
      code: 'type_change',
      message: `The ${version?.modelGroup.name} endpoint in ${ENV_LABEL[spec.environment]} is ${current.type.toLowerCase()}; delete it before deploying as ${spec.type.toLowerCase()}`,
    });
  }
  if (
    !current &&
    spec.type !== 'BATCH' &&
    spec.strategy.kind !== 'ALL_AT_ONCE' &&
    spec.strategy.kind !== 'AB'
  ) {
    issues.push({
      field: 'strategy.kind',
      code: 'nothing_to_shift_from',
      message: `A ${spec.strategy.kind.toLowerCase()} rollout starts from the version in service, and no ${version?.modelGroup.name ?? 'model'} endpoint runs in ${ENV_LABEL[spec.environment]} yet: deploy all at once first`,
    });
  }

  const cost = previewMonthlyCost(spec, {
    serverlessTraffic: assumptions.serverlessTraffic,
    batchRunsPerMonth: assumptions.batchRunsPerMonth,
    batchHoursPerRun: assumptions.batchHoursPerRun,
  });
  // A deployment that replaces the live one frees that one's cost.
  const budget = await remainingMonthlyBudget(db, project.teamId, {
    excludingDeploymentIds: current ? [current.id] : [],
  });
  const budgetCheck = compareWithBudget(cost.totalUsd, budget?.remainingUsd ?? null);
  return { issues, warnings, cost, budget, budgetCheck, environment, version, current };
}

export type DeploymentPlan = Awaited<ReturnType<typeof planDeployment>>;

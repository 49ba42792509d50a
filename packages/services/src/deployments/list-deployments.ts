import { accruedCostUsd, currentMonthlyUsd } from '@cairn/core/deployments/shadow-cost';
import type { ListDeploymentsInput } from '@cairn/core/schemas/deployment-request';
import type { ServiceContext } from '../context';
import { projectForPerson } from '../model-versions/model-version-access';
import { LIVE_DEPLOYMENT_STATUSES } from './team-budget';

/** What runs where in a project: deployments newest first, with version, type, strategy, status, age and cost so far. */
export async function listDeployments(ctx: ServiceContext, input: ListDeploymentsInput) {
  const project = await projectForPerson(ctx.db, ctx, input, 'project:read');
  const now = new Date();
  const deployments = await ctx.db.deployment.findMany({
    where: {
      projectId: project.id,
      ...(input.environment ? { environment: { name: input.environment } } : {}),
      ...(input.includeEnded
        ? {}
        : { status: { in: [...LIVE_DEPLOYMENT_STATUSES, 'UPDATE_ROLLBACK_FAILED', 'DELETING'] } }),
    },
    orderBy: { id: 'desc' },
    take: 200,
    include: {
      environment: { select: { name: true, region: true } },
      modelVersion: {
        select: {
          id: true,
          version: true,
          approvalStatus: true,
          modelGroup: { select: { id: true, name: true } },
        },
      },
    },
  });
  return deployments.map((deployment) => {
    const spec = deployment.spec as { strategy?: { kind: string } };
    return {
      id: deployment.id,
      environment: deployment.environment,
      modelVersion: deployment.modelVersion,
      type: deployment.type,
      strategy: spec.strategy?.kind ?? null,
      status: deployment.status,
      statusReason: deployment.statusReason,
      awsResourceName: deployment.awsResourceName,
      createdAt: deployment.createdAt,
      inServiceAt: deployment.inServiceAt,
      endedAt: deployment.endedAt,
      predictedMonthlyUsd: currentMonthlyUsd(deployment),
      costSoFarUsd: accruedCostUsd(deployment, now),
    };
  });
}

import { accruedCostUsd, currentMonthlyUsd } from '@cairn/core/deployments/shadow-cost';
import type { DeploymentRefInput } from '@cairn/core/schemas/deployment-request';
import type { ServiceContext } from '../context';
import { deploymentForPerson } from './load-deployment';

/** One deployment with its timeline, lineage (version -> run) and the deployment it replaced. */
export async function getDeployment(ctx: ServiceContext, input: DeploymentRefInput) {
  const { deployment } = await deploymentForPerson(ctx.db, ctx, input, 'project:read');
  const [full, previous, createdBy] = await Promise.all([
    ctx.db.deployment.findUniqueOrThrow({
      where: { id: deployment.id },
      include: {
        environment: { select: { name: true, region: true } },
        events: { orderBy: { occurredAt: 'asc' } },
        modelVersion: {
          select: {
            id: true,
            version: true,
            approvalStatus: true,
            awsArn: true,
            modelGroup: { select: { id: true, name: true } },
            run: { select: { id: true, name: true, experimentId: true } },
          },
        },
      },
    }),
    deployment.previousDeploymentId
      ? ctx.db.deployment.findUnique({
          where: { id: deployment.previousDeploymentId },
          select: { id: true, status: true, modelVersion: { select: { id: true, version: true } } },
        })
      : null,
    deployment.createdById
      ? ctx.db.user.findUnique({ where: { id: deployment.createdById }, select: { id: true, name: true } })
      : null,
  ]);
  return {
    ...full,
    predictedMonthlyUsd: currentMonthlyUsd(full),
    costSoFarUsd: accruedCostUsd(full, new Date()),
    previous,
    createdBy,
    canRollBack:
      full.type !== 'BATCH' &&
      (full.status === 'IN_SERVICE' || full.status === 'UPDATE_ROLLBACK_FAILED') &&
      previous !== null,
  };
}

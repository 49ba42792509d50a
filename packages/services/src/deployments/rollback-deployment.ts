import { conflict, DomainError } from '@cairn/core/errors';
import type { RollbackDeploymentInput } from '@cairn/core/schemas/deployment-request';
import { uuidV7 } from '@cairn/core/uuid-v7';
import { personInTeam } from '../approvals/approver-role';
import { recordAudit } from '../audit/record-audit';
import { requireQueue, type ServiceContext } from '../context';
import { enqueueJob } from '../jobs/enqueue-job';
import { rolloutDeploymentJob } from '../jobs/job-contracts';
import { deploymentForPerson } from './load-deployment';

/**
 * Returns an endpoint to its previous deployment's config in one step: a new deployment of the
 * previous version that reuses the previous endpoint config as it is (no new model or config in
 * SageMaker), rolled out all at once. Audited with the reason.
 */
export async function rollbackDeployment(ctx: ServiceContext, input: RollbackDeploymentInput) {
  const queue = requireQueue(ctx);
  const person = personInTeam(ctx, input.teamId);
  return ctx.db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Deployment" WHERE id = ${input.deploymentId}::uuid FOR UPDATE`;
    const { deployment, project } = await deploymentForPerson(tx, ctx, input, 'project:write');
    if (project.archivedAt) throw new DomainError('PRECONDITION_FAILED', 'The project is archived');
    if (deployment.type === 'BATCH') throw conflict('A batch transform has nothing to roll back to');
    if (deployment.status !== 'IN_SERVICE' && deployment.status !== 'UPDATE_ROLLBACK_FAILED') {
      throw conflict(
        `Only the deployment in service can be rolled back; this one is ${deployment.status.toLowerCase().replaceAll('_', ' ')}`,
      );
    }
    const previous = deployment.previousDeploymentId
      ? await tx.deployment.findUnique({ where: { id: deployment.previousDeploymentId } })
      : null;
    if (!previous?.endpointConfigName) {
      throw conflict('This endpoint has no earlier deployment to return to');
    }
    const rollback = await tx.deployment.create({
      data: {
        id: uuidV7(),
        teamId: deployment.teamId,
        projectId: deployment.projectId,
        environmentId: deployment.environmentId,
        modelVersionId: previous.modelVersionId,
        type: previous.type,
        spec: previous.spec as object,
        awsResourceName: deployment.awsResourceName,
        endpointConfigName: previous.endpointConfigName,
        previousDeploymentId: deployment.id,
        predictedMonthlyUsd: previous.predictedMonthlyUsd,
        createdById: person.userId,
        events: {
          create: {
            status: 'PENDING',
            detail: `Rollback by ${person.email} to the config of deployment ${previous.id.slice(0, 8)}: ${input.reason}`,
          },
        },
      },
    });
    await enqueueJob(tx, queue, rolloutDeploymentJob, {
      teamId: rollback.teamId,
      deploymentId: rollback.id,
      requestedByUserId: person.userId,
      requestedByLabel: person.email,
    });
    await recordAudit(tx, ctx, {
      action: 'deployment.rollback',
      resourceType: 'Deployment',
      resourceId: deployment.id,
      teamId: deployment.teamId,
      reason: input.reason,
      after: {
        rollbackDeploymentId: rollback.id,
        toDeploymentId: previous.id,
        endpointConfigName: previous.endpointConfigName,
        awsResourceName: deployment.awsResourceName,
      },
    });
    return rollback;
  });
}

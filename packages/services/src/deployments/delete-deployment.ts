import { conflict, DomainError } from '@cairn/core/errors';
import type { DeleteDeploymentInput } from '@cairn/core/schemas/deployment-request';
import { personInTeam } from '../approvals/approver-role';
import { recordAudit } from '../audit/record-audit';
import { requireQueue, type ServiceContext } from '../context';
import { enqueueJob } from '../jobs/enqueue-job';
import { deleteDeploymentJob } from '../jobs/job-contracts';
import { deploymentForPerson } from './load-deployment';

const DELETABLE = ['IN_SERVICE', 'FAILED', 'UPDATE_ROLLBACK_FAILED', 'PENDING', 'CREATING'] as const;

/**
 * Takes a deployment out of service: its endpoint is deleted (a transform job is stopped). The
 * person types the endpoint's name to confirm and says why; both are audited.
 */
export async function deleteDeployment(ctx: ServiceContext, input: DeleteDeploymentInput) {
  const queue = requireQueue(ctx);
  const person = personInTeam(ctx, input.teamId);
  return ctx.db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Deployment" WHERE id = ${input.deploymentId}::uuid FOR UPDATE`;
    const { deployment } = await deploymentForPerson(tx, ctx, input, 'project:write');
    if (!(DELETABLE as readonly string[]).includes(deployment.status)) {
      throw conflict(
        `This deployment is ${deployment.status.toLowerCase().replaceAll('_', ' ')}; there is nothing to delete`,
      );
    }
    if (input.confirmName !== deployment.awsResourceName) {
      throw new DomainError('INVALID_INPUT', `Type ${deployment.awsResourceName} to confirm`, {
        field: 'confirmName',
      });
    }
    const updated = await tx.deployment.update({
      where: { id: deployment.id },
      data: {
        status: 'DELETING',
        endReason: `Deleted by ${person.email}: ${input.reason}`,
        events: {
          create: { status: 'DELETING', detail: `Delete requested by ${person.email}: ${input.reason}` },
        },
      },
    });
    await enqueueJob(tx, queue, deleteDeploymentJob, {
      teamId: deployment.teamId,
      deploymentId: deployment.id,
      requestedByUserId: person.userId,
      requestedByLabel: person.email,
    });
    await recordAudit(tx, ctx, {
      action: 'deployment.delete',
      resourceType: 'Deployment',
      resourceId: deployment.id,
      teamId: deployment.teamId,
      reason: input.reason,
      before: { status: deployment.status },
      after: { status: updated.status, awsResourceName: deployment.awsResourceName },
    });
    return updated;
  });
}

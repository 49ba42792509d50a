import { DomainError, notFound } from '@cairn/core/errors';
import { recordAudit } from '../audit/record-audit';
import { requireQueue, type ServiceContext } from '../context';
import { enqueueJob } from '../jobs/enqueue-job';
import { verifyTeamAwsAccessJob } from '../jobs/job-contracts';

/**
 * Asks the worker to assume the team's IAM role and report who AWS says it is. The check, its
 * audit event and the job commit together; a check already waiting is returned instead of a second.
 */
export async function requestAwsAccessCheck(ctx: ServiceContext, input: { teamId: string }) {
  const queue = requireQueue(ctx);
  const { actor } = ctx;
  if (actor.kind !== 'user') throw new DomainError('FORBIDDEN', 'Only people can start an AWS access check');
  return ctx.db.$transaction(async (tx) => {
    const team = await tx.team.findUnique({ where: { id: input.teamId } });
    if (!team) throw notFound('Team');
    const pending = await tx.awsAccessCheck.findFirst({ where: { teamId: team.id, status: 'PENDING' } });
    if (pending) return pending;
    const check = await tx.awsAccessCheck.create({
      data: { teamId: team.id, requestedById: actor.userId, roleArn: team.iamRoleArn },
    });
    const jobId = await enqueueJob(tx, queue, verifyTeamAwsAccessJob, {
      teamId: team.id,
      checkId: check.id,
      requestedByUserId: actor.userId,
      requestedByLabel: actor.email,
    });
    await recordAudit(tx, ctx, {
      action: 'team.requestAwsAccessCheck',
      resourceType: 'AwsAccessCheck',
      resourceId: check.id,
      teamId: team.id,
      after: { roleArn: team.iamRoleArn, jobId },
    });
    return tx.awsAccessCheck.update({ where: { id: check.id }, data: { jobId } });
  });
}

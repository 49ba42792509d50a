import { ALARMED_DEPLOYMENT_STATUSES, usesRollbackAlarms } from '@cairn/core/deployments/rollback-alarms';
import type { Tx } from '@cairn/db/client';
import type { ServiceContext } from '../context';
import { enqueueOptionalJob } from '../jobs/enqueue-job';
import { syncRuleAlarmsJob } from '../jobs/job-contracts';

/**
 * Asks the worker, in the caller's transaction, to bring the CloudWatch alarms of every live
 * deployment a rule applies to (its own, or every deployment of its project) in line with the
 * rules, where those alarms are the deployment's auto-rollback alarms. Answers the deployment ids.
 */
export async function enqueueRuleAlarmSyncs(
  tx: Tx,
  ctx: ServiceContext,
  rule: { teamId: string; projectId: string; deploymentId: string | null },
): Promise<string[]> {
  const deployments = await tx.deployment.findMany({
    where: {
      teamId: rule.teamId,
      projectId: rule.projectId,
      ...(rule.deploymentId ? { id: rule.deploymentId } : {}),
      status: { in: [...ALARMED_DEPLOYMENT_STATUSES] },
      type: { not: 'BATCH' },
    },
    select: { id: true, teamId: true, spec: true, previousDeploymentId: true, endpointConfigName: true },
  });
  const { actor } = ctx;
  const requester =
    actor.kind === 'user'
      ? { requestedByUserId: actor.userId, requestedByLabel: actor.email }
      : { requestedByUserId: 'userId' in actor ? actor.userId : null, requestedByLabel: actor.label };
  const synced: string[] = [];
  for (const deployment of deployments.filter(usesRollbackAlarms)) {
    await enqueueOptionalJob(tx, ctx, syncRuleAlarmsJob, {
      teamId: deployment.teamId,
      deploymentId: deployment.id,
      ...requester,
    });
    synced.push(deployment.id);
  }
  return synced;
}

import type { ListAlertsInput } from '@cairn/core/monitoring/monitoring-schemas';
import type { ServiceContext } from '../context';
import { projectForPerson } from '../model-versions/model-version-access';
import { ALERT_VIEW_INCLUDE, withAcknowledgers } from './alert-view';

/** A project's alerts (or one deployment's), newest first; `OPEN` means firing or acknowledged. */
export async function listAlerts(ctx: ServiceContext, input: ListAlertsInput) {
  const project = await projectForPerson(ctx.db, ctx, input, 'project:read');
  const alerts = await ctx.db.alert.findMany({
    where: {
      projectId: project.id,
      ...(input.deploymentId ? { deploymentId: input.deploymentId } : {}),
      ...(input.status === 'OPEN'
        ? { status: { in: ['FIRING', 'ACKNOWLEDGED'] } }
        : input.status
          ? { status: input.status }
          : {}),
    },
    orderBy: { firedAt: 'desc' },
    take: input.limit,
    include: ALERT_VIEW_INCLUDE,
  });
  return withAcknowledgers(ctx.db, alerts);
}

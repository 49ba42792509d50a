import type { ListAlertRulesInput } from '@cairn/core/monitoring/monitoring-schemas';
import type { ServiceContext } from '../context';
import { projectForPerson } from '../model-versions/model-version-access';

/** A project's alert rules, or those that apply to one deployment (its own and the project-wide ones). */
export async function listAlertRules(ctx: ServiceContext, input: ListAlertRulesInput) {
  const project = await projectForPerson(ctx.db, ctx, input, 'project:read');
  return ctx.db.alertRule.findMany({
    where: {
      projectId: project.id,
      ...(input.deploymentId ? { OR: [{ deploymentId: input.deploymentId }, { deploymentId: null }] } : {}),
    },
    orderBy: [{ deploymentId: { sort: 'asc', nulls: 'first' } }, { id: 'asc' }],
  });
}

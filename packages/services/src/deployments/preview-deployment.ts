import type { PreviewDeploymentInput } from '@cairn/core/schemas/deployment-request';
import type { ServiceContext } from '../context';
import { projectForPerson } from '../model-versions/model-version-access';
import { planDeployment } from './plan-deployment';

/** The wizard's live check: what SageMaker or the promotion rules refuse, warnings, cost, budget. */
export async function previewDeployment(ctx: ServiceContext, input: PreviewDeploymentInput) {
  const project = await projectForPerson(ctx.db, ctx, input, 'project:read');
  const plan = await planDeployment(ctx.db, project, input.spec, input.assumptions);
  return {
    issues: plan.issues,
    warnings: plan.warnings,
    cost: plan.cost,
    budget: plan.budget,
    budgetCheck: plan.budgetCheck,
    target: plan.current
      ? {
          kind: 'update' as const,
          endpointName: plan.current.awsResourceName,
          replacesDeploymentId: plan.current.id,
        }
      : { kind: 'create' as const, endpointName: null, replacesDeploymentId: null },
  };
}

import { awsResourceName } from '@cairn/core/aws-names';
import { DomainError } from '@cairn/core/errors';
import { roleHasPermission } from '@cairn/core/permissions';
import type { CreateDeploymentInput } from '@cairn/core/schemas/deployment-request';
import { uuidV7 } from '@cairn/core/uuid-v7';
import { personInTeam } from '../approvals/approver-role';
import { recordAudit } from '../audit/record-audit';
import { requireQueue, type ServiceContext } from '../context';
import { enqueueJob } from '../jobs/enqueue-job';
import { rolloutDeploymentJob } from '../jobs/job-contracts';
import { projectForPerson } from '../model-versions/model-version-access';
import { createDefaultAlertRules } from '../monitoring/create-default-alert-rules';
import { planDeployment } from './plan-deployment';

/**
 * Deploys a model version to an environment. Everything SageMaker or the promotion rules would
 * refuse is refused here first, with the field and the reason; above the remaining budget only a
 * team admin may go on, saying why. In one transaction: the deployment, its first timeline event,
 * the audit event and the rollout job.
 */
export async function createDeployment(ctx: ServiceContext, input: CreateDeploymentInput) {
  const queue = requireQueue(ctx);
  const person = personInTeam(ctx, input.teamId);
  return ctx.db.$transaction(async (tx) => {
    const project = await projectForPerson(tx, ctx, input, 'project:write');
    if (project.archivedAt) throw new DomainError('PRECONDITION_FAILED', 'The project is archived');
    // One deployment decision at a time per project: two engineers cannot both claim one endpoint.
    await tx.$queryRaw`SELECT id FROM "Project" WHERE id = ${project.id}::uuid FOR UPDATE`;
    const plan = await planDeployment(tx, project, input.spec, input.assumptions);
    const [first] = plan.issues;
    if (first) {
      throw new DomainError('INVALID_INPUT', plan.issues.map((issue) => issue.message).join(' '), {
        field: `spec.${first.field}`,
      });
    }
    const { environment, version, current } = plan;
    if (!environment || !version) throw new Error('A plan without issues has an environment and a version');
    const isAdmin = person.role !== null && roleHasPermission(person.role, 'team:settings');
    if (plan.budgetCheck.level === 'block') {
      if (!input.budgetOverrideReason) {
        throw new DomainError('POLICY_VIOLATION', `${plan.budgetCheck.message}`, {
          field: 'budgetOverrideReason',
        });
      }
      if (!isAdmin) {
        throw new DomainError('FORBIDDEN', 'Only a team admin can deploy above the remaining budget', {
          field: 'budgetOverrideReason',
        });
      }
    }
    const isOverride = plan.budgetCheck.level === 'block';
    const id = uuidV7();
    const awsResourceNameForDeployment =
      current?.awsResourceName ??
      awsResourceName(input.spec.type === 'BATCH' ? 'transform-job' : 'endpoint', id);
    const deployment = await tx.deployment.create({
      data: {
        id,
        teamId: project.teamId,
        projectId: project.id,
        environmentId: environment.id,
        modelVersionId: version.id,
        type: input.spec.type,
        spec: { ...input.spec, assumptions: input.assumptions },
        awsResourceName: awsResourceNameForDeployment,
        previousDeploymentId: current?.id ?? null,
        predictedMonthlyUsd: plan.cost.totalUsd,
        budgetOverrideById: isOverride ? person.userId : null,
        budgetOverrideReason: isOverride ? (input.budgetOverrideReason ?? null) : null,
        createdById: person.userId,
        events: {
          create: {
            status: 'PENDING',
            detail: current
              ? `Requested by ${person.email}: update ${current.awsResourceName} from version of deployment ${current.id.slice(0, 8)}`
              : `Requested by ${person.email}: new ${input.spec.type.toLowerCase()} ${input.spec.type === 'BATCH' ? 'transform job' : 'endpoint'}`,
          },
        },
      },
    });
    await createDefaultAlertRules(tx, deployment);
    await enqueueJob(tx, queue, rolloutDeploymentJob, {
      teamId: deployment.teamId,
      deploymentId: deployment.id,
      requestedByUserId: person.userId,
      requestedByLabel: person.email,
    });
    await recordAudit(tx, ctx, {
      action: 'deployment.create',
      resourceType: 'Deployment',
      resourceId: deployment.id,
      teamId: deployment.teamId,
      reason: isOverride ? `Budget override: ${input.budgetOverrideReason}` : null,
      after: {
        modelVersionId: version.id,
        version: version.version,
        environment: environment.name,
        type: deployment.type,
        strategy: input.spec.type === 'BATCH' ? null : input.spec.strategy.kind,
        awsResourceName: deployment.awsResourceName,
        replaces: current?.id ?? null,
        predictedMonthlyUsd: plan.cost.totalUsd,
        budget: plan.budgetCheck.level,
      },
    });
    return deployment;
  });
}

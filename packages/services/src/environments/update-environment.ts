import { DomainError, notFound } from '@cairn/core/errors';
import type { UpdateEnvironmentInput } from '@cairn/core/schemas/environment';
import { recordAudit } from '../audit/record-audit';
import type { ServiceContext } from '../context';
import { projectForPerson } from '../model-versions/model-version-access';

/** Changes an environment's region, role override or promotion rule (team admins); audited before/after. */
export async function updateEnvironment(ctx: ServiceContext, input: UpdateEnvironmentInput) {
  return ctx.db.$transaction(async (tx) => {
    const project = await projectForPerson(tx, ctx, input, 'team:settings');
    if (project.archivedAt) throw new DomainError('PRECONDITION_FAILED', 'The project is archived');
    const before = await tx.environment.findUnique({
      where: { projectId_name: { projectId: project.id, name: input.name } },
    });
    if (!before) throw notFound('Environment');
    const live = await tx.deployment.count({
      where: {
        environmentId: before.id,
        status: { in: ['PENDING', 'CREATING', 'UPDATING', 'IN_SERVICE', 'ROLLING_BACK'] },
      },
    });
    if (live > 0 && (before.region !== input.region || before.roleArnOverride !== input.roleArnOverride)) {
      throw new DomainError(
        'PRECONDITION_FAILED',
        `${live} deployment(s) run in this environment; delete them before moving it to another region or account`,
        { field: before.region !== input.region ? 'region' : 'roleArnOverride' },
      );
    }
    const after = await tx.environment.update({
      where: { id: before.id },
      data: {
        region: input.region,
        roleArnOverride: input.roleArnOverride,
        requiresStagingFirst: input.name === 'PROD' ? input.requiresStagingFirst : false,
        updatedAt: new Date(),
      },
    });
    await recordAudit(tx, ctx, {
      action: 'environment.update',
      resourceType: 'Environment',
      resourceId: after.id,
      teamId: after.teamId,
      before: {
        region: before.region,
        roleArnOverride: before.roleArnOverride,
        requiresStagingFirst: before.requiresStagingFirst,
      },
      after: {
        region: after.region,
        roleArnOverride: after.roleArnOverride,
        requiresStagingFirst: after.requiresStagingFirst,
      },
    });
    return after;
  });
}

import { DomainError } from '@cairn/core/errors';
import type { UpdateApprovalPolicyInput } from '@cairn/core/schemas/approval-request';
import { recordAudit } from '../audit/record-audit';
import type { ServiceContext } from '../context';
import { projectForPerson } from '../model-versions/model-version-access';
import { readApprovalPolicy } from './project-policy';

/**
 * Replaces the project's approval policy (team admins). Audited with the policy before and after.
 * Requests already open keep the policy they were opened under.
 */
export async function updateApprovalPolicy(ctx: ServiceContext, input: UpdateApprovalPolicyInput) {
  return ctx.db.$transaction(async (tx) => {
    const project = await projectForPerson(tx, ctx, input, 'release:policy');
    if (project.archivedAt) throw new DomainError('PRECONDITION_FAILED', 'The project is archived');
    // Lock the row: two admins saving at once are applied one after the other, each audited
    // with the policy it actually replaced.
    await tx.$queryRaw`SELECT id FROM "Project" WHERE id = ${project.id}::uuid FOR UPDATE`;
    const current = await tx.project.findUniqueOrThrow({ where: { id: project.id } });
    const before = readApprovalPolicy(current.approvalPolicy);
    const updated = await tx.project.update({
      where: { id: project.id },
      data: { approvalPolicy: input.policy, approvalPolicyUpdatedAt: new Date() },
    });
    await recordAudit(tx, ctx, {
      action: 'approvalPolicy.update',
      resourceType: 'Project',
      resourceId: project.id,
      teamId: project.teamId,
      before: { policy: before.policy, isDefault: before.isDefault },
      after: { policy: input.policy },
    });
    return {
      policy: input.policy,
      isDefault: false,
      updatedAt: updated.approvalPolicyUpdatedAt,
      canEdit: true,
    };
  });
}

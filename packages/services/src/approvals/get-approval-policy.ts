import { roleInTeam } from '@cairn/core/actor';
import { roleHasPermission } from '@cairn/core/permissions';
import type { GetApprovalPolicyInput } from '@cairn/core/schemas/approval-request';
import type { ServiceContext } from '../context';
import { projectForPerson } from '../model-versions/model-version-access';
import { readApprovalPolicy } from './project-policy';

/** The project's approval policy, and whether the person asking may change it. */
export async function getApprovalPolicy(ctx: ServiceContext, input: GetApprovalPolicyInput) {
  const project = await projectForPerson(ctx.db, ctx, input, 'project:read');
  const { policy, isDefault } = readApprovalPolicy(project.approvalPolicy);
  const role =
    ctx.actor.kind === 'user' && ctx.actor.isOrgAdmin ? 'ADMIN' : roleInTeam(ctx.actor, project.teamId);
  return {
    policy,
    isDefault,
    updatedAt: project.approvalPolicyUpdatedAt,
    canEdit: role !== null && roleHasPermission(role, 'release:policy') && !project.archivedAt,
  };
}

import { roleInTeam } from '@cairn/core/actor';
import { roleHasPermission } from '@cairn/core/permissions';
import type { GetApprovalPolicyInput } from '@cairn/core/schemas/approval-request';
import type { ServiceContext } from '../context';
import { projectForPerson } from '../model-versions/model-version-access';
import { readApprovalPolicy } from './project-policy';

const MAX_METRIC_KEYS = 500;

/**
 * The project's approval policy, whether the person asking may change it, and the metric keys the
 * project's runs have logged (what a gate can usefully name).
 */
export async function getApprovalPolicy(ctx: ServiceContext, input: GetApprovalPolicyInput) {
  const project = await projectForPerson(ctx.db, ctx, input, 'project:read');
  const { policy, isDefault } = readApprovalPolicy(project.approvalPolicy);
  const role =
    ctx.actor.kind === 'user' && ctx.actor.isOrgAdmin ? 'ADMIN' : roleInTeam(ctx.actor, project.teamId);
  const keys = await ctx.db.$queryRaw<Array<{ key: string }>>`
    SELECT DISTINCT m.key FROM "RunLatestMetric" m JOIN "Run" r ON r.id = m."runId"
    WHERE r."projectId" = ${project.id}::uuid AND r."deletedAt" IS NULL
    ORDER BY m.key LIMIT ${MAX_METRIC_KEYS}`;
  return {
    policy,
    metricKeys: keys.map((row) => row.key),
    isDefault,
    updatedAt: project.approvalPolicyUpdatedAt,
    canEdit: role !== null && roleHasPermission(role, 'release:policy') && !project.archivedAt,
  };
}

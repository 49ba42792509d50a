import { notFound } from '@cairn/core/errors';
import type { UpdateMemberRoleInput } from '@cairn/core/schemas/member';
import { recordAudit } from '../audit/record-audit';
import type { ServiceContext } from '../context';
import { assertTeamKeepsAnAdmin } from './admin-guard';

export async function updateMemberRole(ctx: ServiceContext, input: UpdateMemberRoleInput) {
  return ctx.db.$transaction(async (tx) => {
    const membership = await tx.membership.findUnique({
      where: { teamId_userId: { teamId: input.teamId, userId: input.userId } },
      include: { user: { select: { email: true } } },
    });
    if (!membership) throw notFound('Member');
    if (membership.role === input.role) return { userId: input.userId, role: input.role };
    await tx.membership.update({ where: { id: membership.id }, data: { role: input.role } });
    await assertTeamKeepsAnAdmin(tx, input.teamId);
    await recordAudit(tx, ctx, {
      action: 'member.updateRole',
      resourceType: 'Membership',
      resourceId: membership.id,
      teamId: input.teamId,
      before: { email: membership.user.email, role: membership.role },
      after: { email: membership.user.email, role: input.role },
    });
    return { userId: input.userId, role: input.role };
  });
}

import { notFound } from '@cairn/core/errors';
import type { RemoveMemberInput } from '@cairn/core/schemas/member';
import { recordAudit } from '../audit/record-audit';
import type { ServiceContext } from '../context';
import { assertTeamKeepsAnAdmin } from './admin-guard';

export async function removeMember(ctx: ServiceContext, input: RemoveMemberInput) {
  return ctx.db.$transaction(async (tx) => {
    const membership = await tx.membership.findUnique({
      where: { teamId_userId: { teamId: input.teamId, userId: input.userId } },
      include: { user: { select: { email: true } } },
    });
    if (!membership) throw notFound('Member');
    await tx.membership.delete({ where: { id: membership.id } });
    await assertTeamKeepsAnAdmin(tx, input.teamId);
    await recordAudit(tx, ctx, {
      action: 'member.remove',
      resourceType: 'Membership',
      resourceId: membership.id,
      teamId: input.teamId,
      before: { email: membership.user.email, role: membership.role },
    });
    return { userId: input.userId };
  });
}

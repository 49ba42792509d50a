import { conflict, DomainError } from '@cairn/core/errors';
import type { AddMemberInput } from '@cairn/core/schemas/member';
import { recordAudit } from '../audit/record-audit';
import type { ServiceContext } from '../context';

/** Adds an existing user (by email) to the team with a role. */
export async function addMember(ctx: ServiceContext, input: AddMemberInput) {
  return ctx.db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { email: input.email } });
    if (!user) {
      throw new DomainError(
        'NOT_FOUND',
        `No user with the email ${input.email}. They must sign in once first.`,
        {
          field: 'email',
        },
      );
    }
    const existing = await tx.membership.findUnique({
      where: { teamId_userId: { teamId: input.teamId, userId: user.id } },
    });
    if (existing) throw conflict(`${input.email} is already a member of this team`);
    const membership = await tx.membership.create({
      data: { teamId: input.teamId, userId: user.id, role: input.role },
    });
    await recordAudit(tx, ctx, {
      action: 'member.add',
      resourceType: 'Membership',
      resourceId: membership.id,
      teamId: input.teamId,
      after: { userId: user.id, email: user.email, role: input.role },
    });
    return { userId: user.id, email: user.email, role: membership.role };
  });
}

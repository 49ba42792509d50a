import { DomainError, notFound } from '@cairn/core/errors';
import type { SetUserDisabledInput } from '@cairn/core/schemas/user';
import { recordAudit } from '../audit/record-audit';
import type { ServiceContext } from '../context';

/** Disables a user (their sessions and API tokens stop at their next request) or enables them again; audited with the reason. */
export async function setUserDisabled(ctx: ServiceContext, input: SetUserDisabledInput) {
  if (ctx.actor.kind === 'user' && ctx.actor.userId === input.userId && input.isDisabled) {
    throw new DomainError('CONFLICT', 'You cannot disable your own account');
  }
  return ctx.db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: input.userId } });
    if (!user) throw notFound('User');
    const wasDisabled = user.disabledAt !== null;
    if (wasDisabled === input.isDisabled) return { id: user.id, isDisabled: wasDisabled };
    const now = new Date();
    await tx.user.update({
      where: { id: user.id },
      data: input.isDisabled ? { disabledAt: now, sessionsValidFrom: now } : { disabledAt: null },
    });
    await recordAudit(tx, ctx, {
      action: input.isDisabled ? 'user.disable' : 'user.enable',
      resourceType: 'User',
      resourceId: user.id,
      before: { email: user.email, isDisabled: wasDisabled },
      after: { email: user.email, isDisabled: input.isDisabled, reason: input.reason ?? null },
    });
    return { id: user.id, isDisabled: input.isDisabled };
  });
}

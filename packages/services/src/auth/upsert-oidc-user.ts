import { DomainError } from '@cairn/core/errors';
import { emailSchema } from '@cairn/core/schemas/common';
import { appendAuditEvent } from '@cairn/db/audit-writer';
import type { ServiceContext } from '../context';

/**
 * Links an OIDC identity to a Cairn user: by subject when seen before, else by verified email
 * (creating a user without memberships). A team admin then grants access. A verified email among
 * `orgAdminEmails` (the install's bootstrap list) makes the user an org admin, audited.
 */
export async function upsertOidcUser(
  ctx: ServiceContext,
  input: { provider: string; subject: string; email: string; name: string | null },
  options: { orgAdminEmails?: readonly string[] } = {},
) {
  const email = emailSchema.parse(input.email);
  return ctx.db.$transaction(async (tx) => {
    const linked = await tx.account.findUnique({
      where: { provider_providerAccountId: { provider: input.provider, providerAccountId: input.subject } },
      include: { user: true },
    });
    const user =
      linked?.user ??
      (await tx.user.findUnique({ where: { email } })) ??
      (await tx.user.create({ data: { email, name: input.name?.slice(0, 100) || email } }));
    if (user.disabledAt)
      throw new DomainError('UNAUTHENTICATED', 'This account is disabled. Ask an administrator.');
    if (!linked) {
      await tx.account.create({
        data: { userId: user.id, provider: input.provider, providerAccountId: input.subject },
      });
    }
    const isListedAdmin = (options.orgAdminEmails ?? []).some(
      (listed) => listed.trim().toLowerCase() === user.email.toLowerCase(),
    );
    const becomesOrgAdmin = isListedAdmin && !user.isOrgAdmin;
    await tx.user.update({
      where: { id: user.id },
      data: { lastSignInAt: new Date(), ...(becomesOrgAdmin ? { isOrgAdmin: true } : {}) },
    });
    if (becomesOrgAdmin) {
      await appendAuditEvent(tx, {
        actor: { kind: 'system', label: 'cairn-bootstrap' },
        request: ctx.request,
        action: 'user.grantOrgAdmin',
        resourceType: 'User',
        resourceId: user.id,
        outcome: 'SUCCESS',
        reason: 'The email is listed in CAIRN_ORG_ADMIN_EMAILS',
        before: { isOrgAdmin: false },
        after: { isOrgAdmin: true, email: user.email },
      });
    }
    await appendAuditEvent(tx, {
      actor: {
        kind: 'user',
        userId: user.id,
        email: user.email,
        isOrgAdmin: user.isOrgAdmin,
        memberships: [],
      },
      request: ctx.request,
      action: 'auth.signIn',
      resourceType: 'User',
      resourceId: user.id,
      outcome: 'SUCCESS',
      after: { method: 'oidc', provider: input.provider, isNewLink: !linked },
    });
    return {
      userId: user.id,
      email: user.email,
      name: user.name,
      isOrgAdmin: user.isOrgAdmin || becomesOrgAdmin,
    };
  });
}

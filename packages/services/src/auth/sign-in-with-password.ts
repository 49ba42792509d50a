import { DomainError } from '@cairn/core/errors';
import { emailSchema } from '@cairn/core/schemas/common';
import { appendAuditEvent } from '@cairn/db/audit-writer';
import { z } from 'zod';
import type { ServiceContext } from '../context';
import { DUMMY_PASSWORD_HASH, verifyPassword } from './password';

export const signInWithPasswordInput = z.object({
  email: emailSchema,
  password: z.string().min(1).max(200),
});

const WINDOW_MS = 15 * 60 * 1000;
const MAX_FAILURES_PER_EMAIL = 5;
const MAX_FAILURES_PER_IP = 20;

/**
 * Checks a demo/dev password. Failures are audited and counted from the audit trail, so the limit
 * holds across web replicas: 5 per address and 20 per IP in 15 minutes.
 */
export async function signInWithPassword(ctx: ServiceContext, raw: { email: string; password: string }) {
  const parsed = signInWithPasswordInput.safeParse(raw);
  const email = parsed.success ? parsed.data.email : String(raw.email ?? '').slice(0, 254);
  const since = new Date(Date.now() - WINDOW_MS);
  const [byEmail, byIp] = await Promise.all([
    ctx.db.auditEvent.count({
      where: { action: 'auth.signIn', outcome: 'DENIED', actorLabel: email, occurredAt: { gte: since } },
    }),
    ctx.request.ip
      ? ctx.db.auditEvent.count({
          where: { action: 'auth.signIn', outcome: 'DENIED', ip: ctx.request.ip, occurredAt: { gte: since } },
        })
      : Promise.resolve(0),
  ]);
  if (byEmail >= MAX_FAILURES_PER_EMAIL || byIp >= MAX_FAILURES_PER_IP) {
    await deny(ctx, email, null, 'rate limited');
    throw new DomainError('RATE_LIMITED', 'Too many failed sign-in attempts. Try again in 15 minutes.');
  }
  const user = parsed.success ? await ctx.db.user.findUnique({ where: { email } }) : null;
  const isValid = await verifyPassword(
    parsed.success ? parsed.data.password : '',
    user?.passwordHash ?? DUMMY_PASSWORD_HASH,
  );
  if (!user || !user.passwordHash || !isValid) {
    await deny(ctx, email, user?.id ?? null, 'wrong email or password');
    throw new DomainError('UNAUTHENTICATED', 'Wrong email or password.');
  }
  if (user.disabledAt) {
    await deny(ctx, email, user.id, 'user disabled');
    throw new DomainError('UNAUTHENTICATED', 'This account is disabled. Ask an administrator.');
  }
  const signedInAt = new Date();
  await ctx.db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: signedInAt } });
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
      after: { method: 'password' },
    });
  });
  return { userId: user.id, email: user.email, name: user.name, signedInAt };
}

async function deny(ctx: ServiceContext, email: string, userId: string | null, reason: string) {
  await ctx.db.$transaction((tx) =>
    appendAuditEvent(tx, {
      actor: { kind: 'anonymous', label: email },
      request: ctx.request,
      action: 'auth.signIn',
      resourceType: 'User',
      resourceId: userId,
      outcome: 'DENIED',
      reason,
    }),
  );
}

import { isDomainError } from '@cairn/core/errors';
import { PERMISSION_DENIED_MESSAGE, type Permission, roleHasPermission } from '@cairn/core/permissions';
import { teamIdSchema } from '@cairn/core/schemas/common';
import { recordAttempt } from '@cairn/services/audit/record-audit';
import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { ZodError, z } from 'zod';
import type { ApiContext } from './context';
import { toTrpcError } from './errors';

/** What a procedure requires. Every procedure declares one; a test fails on any that does not. */
export type Requirement = Permission | 'public' | 'authenticated' | 'orgAdmin';
export interface ProcedureMeta {
  requires: Requirement;
}

const t = initTRPC
  .context<ApiContext>()
  .meta<ProcedureMeta>()
  .create({
    transformer: superjson,
    errorFormatter({ shape, error }) {
      const isInternal = error.code === 'INTERNAL_SERVER_ERROR';
      const domain = isDomainError(error.cause) ? error.cause : null;
      return {
        ...shape,
        message: isInternal
          ? 'Something went wrong on our side. Try again, or contact an administrator.'
          : shape.message,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          field: domain?.field ?? null,
          fieldErrors: error.cause instanceof ZodError ? z.flattenError(error.cause).fieldErrors : null,
        },
      };
    },
  });

export const createRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * Maps domain errors to tRPC codes, and audits refused mutations (FORBIDDEN, or NOT_FOUND for a
 * foreign id) in a transaction of their own.
 */
const domainErrors = t.middleware(async ({ ctx, next, path, type, getRawInput }) => {
  const result = await next();
  if (result.ok) return result;
  const mapped = toTrpcError(result.error.cause) ?? result.error;
  const isAudited = isDomainError(result.error.cause) && result.error.cause.isAudited;
  if (type === 'mutation' && !isAudited && (mapped.code === 'FORBIDDEN' || mapped.code === 'NOT_FOUND')) {
    await recordAttempt(ctx, {
      action: path,
      resourceType: 'Procedure',
      outcome: 'DENIED',
      reason: mapped.message,
      teamId: await teamIdOf(getRawInput),
    });
  }
  throw mapped;
});

export const publicProcedure = t.procedure.use(domainErrors).meta({ requires: 'public' });

export const protectedProcedure = publicProcedure.meta({ requires: 'authenticated' }).use(({ ctx, next }) => {
  if (!ctx.session)
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Your session has ended. Sign in again.' });
  return next({ ctx: { ...ctx, session: ctx.session } });
});

export const orgAdminProcedure = protectedProcedure.meta({ requires: 'orgAdmin' }).use(({ ctx, next }) => {
  if (!ctx.session.user.isOrgAdmin)
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Only organization admins can do this' });
  return next();
});

/**
 * For procedures on one team's resources: the input names the team; the caller must hold the
 * permission there. Non-members learn nothing (NOT_FOUND); org admins act as team admins.
 */
export function teamProcedure(permission: Permission) {
  return protectedProcedure
    .meta({ requires: permission })
    .input(z.object({ teamId: teamIdSchema }))
    .use(async ({ ctx, input, next }) => {
      const { user } = ctx.session;
      // An org admin's teams are every team that exists; an id of none must not reach a service
      // that would write under it.
      const role = user.isOrgAdmin
        ? (await ctx.db.team.findUnique({ where: { id: input.teamId }, select: { id: true } }))
          ? 'ADMIN'
          : undefined
        : ctx.session.teams.find((team) => team.id === input.teamId)?.role;
      if (!role) throw new TRPCError({ code: 'NOT_FOUND', message: 'Team not found' });
      if (!roleHasPermission(role, permission)) {
        throw new TRPCError({
          code: 'FORBIDDEN',
          message: PERMISSION_DENIED_MESSAGE[permission] ?? 'Your role in this team does not allow this',
        });
      }
      return next({ ctx: { ...ctx, role } });
    });
}

async function teamIdOf(getRawInput: () => Promise<unknown>): Promise<string | null> {
  const raw = await getRawInput().catch(() => null);
  const teamId = raw && typeof raw === 'object' ? (raw as { teamId?: unknown }).teamId : null;
  return teamIdSchema.safeParse(teamId).success ? (teamId as string) : null;
}

import { listAuditEventsInput } from '@cairn/core/schemas/audit';
import { listAuditEvents } from '@cairn/services/audit/list-audit-events';
import { verifyAuditTrail } from '@cairn/services/audit/verify-audit-trail';
import { TRPCError } from '@trpc/server';
import { createRouter, orgAdminProcedure, protectedProcedure } from '../trpc';

export const auditRouter = createRouter({
  /** Org admins read every team's events; team admins their own team's (checked in the service). */
  list: protectedProcedure
    .meta({ requires: 'audit:read' })
    .input(listAuditEventsInput)
    .query(({ ctx, input }) => {
      const isTeamAdmin = ctx.session.teams.some((team) => team.role === 'ADMIN');
      if (!ctx.session.user.isOrgAdmin && !isTeamAdmin) {
        throw new TRPCError({ code: 'FORBIDDEN', message: 'Only admins can read the audit trail' });
      }
      return listAuditEvents(ctx, input);
    }),
  verify: orgAdminProcedure.mutation(({ ctx }) =>
    verifyAuditTrail(ctx, ctx.auditKeys ? { keys: ctx.auditKeys } : {}),
  ),
});

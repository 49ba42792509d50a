import { permissionsOf } from '@cairn/core/permissions';
import { createRouter, protectedProcedure } from '../trpc';

export const meRouter = createRouter({
  get: protectedProcedure.query(({ ctx }) => {
    const { user, teams } = ctx.session;
    return {
      user,
      teams: teams.map((team) => ({
        ...team,
        permissions: permissionsOf(user.isOrgAdmin ? 'ADMIN' : team.role),
      })),
    };
  }),
});

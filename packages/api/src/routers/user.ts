import { setUserDisabledInput } from '@cairn/core/schemas/user';
import { listUsers } from '@cairn/services/users/list-users';
import { setUserDisabled } from '@cairn/services/users/set-user-disabled';
import { createRouter, orgAdminProcedure } from '../trpc';

export const userRouter = createRouter({
  list: orgAdminProcedure.query(({ ctx }) => listUsers(ctx)),
  setDisabled: orgAdminProcedure
    .input(setUserDisabledInput)
    .mutation(({ ctx, input }) => setUserDisabled(ctx, input)),
});

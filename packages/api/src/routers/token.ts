import { createApiTokenInput, listApiTokensInput, revokeApiTokenInput } from '@cairn/core/schemas/api-token';
import { createApiToken } from '@cairn/services/api-tokens/create-api-token';
import { listApiTokens } from '@cairn/services/api-tokens/list-api-tokens';
import { revokeApiToken } from '@cairn/services/api-tokens/revoke-api-token';
import { createRouter, teamProcedure } from '../trpc';

export const tokenRouter = createRouter({
  list: teamProcedure('token:read')
    .input(listApiTokensInput)
    .query(({ ctx, input }) => listApiTokens(ctx, input)),
  create: teamProcedure('token:write')
    .input(createApiTokenInput)
    .mutation(({ ctx, input }) => createApiToken(ctx, input)),
  revoke: teamProcedure('token:write')
    .input(revokeApiTokenInput)
    .mutation(({ ctx, input }) => revokeApiToken(ctx, input)),
});

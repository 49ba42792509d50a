import {
  getModelVersionInput,
  listModelVersionsInput,
  registerModelVersionInput,
} from '@cairn/core/schemas/model-version';
import { getModelVersion } from '@cairn/services/model-versions/get-model-version';
import { listModelVersions } from '@cairn/services/model-versions/list-model-versions';
import { registerModelVersion } from '@cairn/services/model-versions/register-model-version';
import { createRouter, teamProcedure } from '../trpc';

export const modelVersionRouter = createRouter({
  list: teamProcedure('project:read')
    .input(listModelVersionsInput)
    .query(({ ctx, input }) => listModelVersions(ctx, input)),
  byId: teamProcedure('project:read')
    .input(getModelVersionInput)
    .query(({ ctx, input }) => getModelVersion(ctx, input)),
  register: teamProcedure('project:write')
    .input(registerModelVersionInput)
    .mutation(({ ctx, input }) => registerModelVersion(ctx, input)),
});

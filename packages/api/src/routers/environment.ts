import { listEnvironmentsInput, updateEnvironmentInput } from '@cairn/core/schemas/environment';
import { listEnvironments } from '@cairn/services/environments/list-environments';
import { updateEnvironment } from '@cairn/services/environments/update-environment';
import { createRouter, teamProcedure } from '../trpc';

export const environmentRouter = createRouter({
  list: teamProcedure('project:read')
    .input(listEnvironmentsInput)
    .query(({ ctx, input }) => listEnvironments(ctx, input)),
  update: teamProcedure('team:settings')
    .input(updateEnvironmentInput)
    .mutation(({ ctx, input }) => updateEnvironment(ctx, input)),
});

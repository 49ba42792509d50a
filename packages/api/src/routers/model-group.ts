import { createModelGroupInput, listModelGroupsInput } from '@cairn/core/schemas/model-group';
import { createModelGroup } from '@cairn/services/model-groups/create-model-group';
import { listModelGroups } from '@cairn/services/model-groups/list-model-groups';
import { createRouter, teamProcedure } from '../trpc';

export const modelGroupRouter = createRouter({
  list: teamProcedure('project:read')
    .input(listModelGroupsInput)
    .query(({ ctx, input }) => listModelGroups(ctx, input)),
  create: teamProcedure('project:write')
    .input(createModelGroupInput)
    .mutation(({ ctx, input }) => createModelGroup(ctx, input)),
});

import {
  createExperimentInput,
  experimentRefInput,
  listExperimentsInput,
  setExperimentTagInput,
  updateExperimentInput,
} from '@cairn/core/schemas/tracking';
import { createExperiment } from '@cairn/services/tracking/create-experiment';
import { deleteExperiment } from '@cairn/services/tracking/delete-experiment';
import { getExperiment } from '@cairn/services/tracking/get-experiment';
import { listExperiments } from '@cairn/services/tracking/list-experiments';
import { restoreExperiment } from '@cairn/services/tracking/restore-experiment';
import { setExperimentTag } from '@cairn/services/tracking/set-experiment-tag';
import { updateExperiment } from '@cairn/services/tracking/update-experiment';
import { createRouter, teamProcedure } from '../trpc';

export const experimentRouter = createRouter({
  list: teamProcedure('tracking:read')
    .input(listExperimentsInput)
    .query(({ ctx, input }) => listExperiments(ctx, input)),
  byId: teamProcedure('tracking:read')
    .input(experimentRefInput)
    .query(({ ctx, input }) => getExperiment(ctx, input)),
  create: teamProcedure('tracking:write')
    .input(createExperimentInput)
    .mutation(({ ctx, input }) => createExperiment(ctx, input)),
  rename: teamProcedure('tracking:write')
    .input(updateExperimentInput)
    .mutation(({ ctx, input }) => updateExperiment(ctx, input)),
  delete: teamProcedure('tracking:write')
    .input(experimentRefInput)
    .mutation(({ ctx, input }) => deleteExperiment(ctx, input)),
  restore: teamProcedure('tracking:write')
    .input(experimentRefInput)
    .mutation(({ ctx, input }) => restoreExperiment(ctx, input)),
  setTag: teamProcedure('tracking:write')
    .input(setExperimentTagInput)
    .mutation(({ ctx, input }) => setExperimentTag(ctx, input)),
});

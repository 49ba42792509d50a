import {
  listPipelinesInput,
  registerPipelineInput,
  startPipelineRunInput,
} from '@cairn/core/schemas/pipeline';
import { listPipelines } from '@cairn/services/pipelines/list-pipelines';
import { registerPipeline } from '@cairn/services/pipelines/register-pipeline';
import { startPipelineRun } from '@cairn/services/pipelines/start-pipeline-run';
import { createRouter, teamProcedure } from '../trpc';

export const pipelineRouter = createRouter({
  list: teamProcedure('project:read')
    .input(listPipelinesInput)
    .query(({ ctx, input }) => listPipelines(ctx, input)),
  register: teamProcedure('project:write')
    .input(registerPipelineInput)
    .mutation(({ ctx, input }) => registerPipeline(ctx, input)),
  start: teamProcedure('project:write')
    .input(startPipelineRunInput)
    .mutation(({ ctx, input }) => startPipelineRun(ctx, input)),
});

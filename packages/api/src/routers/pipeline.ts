import { modelVersionRefInput } from '@cairn/core/schemas/approval-request';
import {
  answerPipelineApprovalInput,
  listPipelinesInput,
  registerPipelineInput,
  setPipelineReleaseInput,
  startPipelineRunInput,
} from '@cairn/core/schemas/pipeline';
import { answerPipelineApproval } from '@cairn/services/pipelines/answer-pipeline-approval';
import { listPipelines } from '@cairn/services/pipelines/list-pipelines';
import { listVersionPipelineRuns } from '@cairn/services/pipelines/list-version-pipeline-runs';
import { registerPipeline } from '@cairn/services/pipelines/register-pipeline';
import { setPipelineRelease } from '@cairn/services/pipelines/set-pipeline-release';
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
  setRelease: teamProcedure('release:policy')
    .input(setPipelineReleaseInput)
    .mutation(({ ctx, input }) => setPipelineRelease(ctx, input)),
  runsForVersion: teamProcedure('project:read')
    .input(modelVersionRefInput)
    .query(({ ctx, input }) => listVersionPipelineRuns(ctx, input)),
  answerApproval: teamProcedure('release:decide')
    .input(answerPipelineApprovalInput)
    .mutation(({ ctx, input }) => answerPipelineApproval(ctx, input)),
});

import { modelVersionRefInput } from '@cairn/core/schemas/approval-request';
import {
  getModelVersionInput,
  listModelVersionsInput,
  registerModelVersionInput,
  updateModelVersionArtifactInput,
} from '@cairn/core/schemas/model-version';
import { getModelVersion } from '@cairn/services/model-versions/get-model-version';
import { listModelVersions } from '@cairn/services/model-versions/list-model-versions';
import { modelVersionTimeline } from '@cairn/services/model-versions/model-version-timeline';
import { registerModelVersion } from '@cairn/services/model-versions/register-model-version';
import { updateModelVersionArtifact } from '@cairn/services/model-versions/update-model-version-artifact';
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
  timeline: teamProcedure('project:read')
    .input(modelVersionRefInput)
    .query(({ ctx, input }) => modelVersionTimeline(ctx, input)),
  updateArtifact: teamProcedure('project:write')
    .input(updateModelVersionArtifactInput)
    .mutation(({ ctx, input }) => updateModelVersionArtifact(ctx, input)),
});

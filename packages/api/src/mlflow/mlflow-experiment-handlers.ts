import {
  createExperimentInput,
  experimentRefInput,
  getExperimentByNameInput,
  searchExperimentsInput,
  setExperimentTagInput,
  updateExperimentInput,
} from '@cairn/core/schemas/tracking';
import { createExperiment } from '@cairn/services/tracking/create-experiment';
import { deleteExperiment } from '@cairn/services/tracking/delete-experiment';
import { getExperiment } from '@cairn/services/tracking/get-experiment';
import { getExperimentByName } from '@cairn/services/tracking/get-experiment-by-name';
import { restoreExperiment } from '@cairn/services/tracking/restore-experiment';
import { searchExperiments } from '@cairn/services/tracking/search-experiments';
import { setExperimentTag } from '@cairn/services/tracking/set-experiment-tag';
import { updateExperiment } from '@cairn/services/tracking/update-experiment';
import type { z } from 'zod';
import { type MlflowCall, resolveExperimentId } from './mlflow-call';
import { doesNotExist } from './mlflow-error';
import type {
  createExperimentRequest,
  experimentIdRequest,
  getExperimentByNameRequest,
  searchExperimentsRequest,
  setExperimentTagRequest,
  updateExperimentRequest,
} from './mlflow-requests';
import { experimentJson } from './mlflow-serializers';
import { toMlflowId } from './mlflow-values';

type In<S extends z.ZodType> = z.output<S>;

export async function createExperimentHandler(call: MlflowCall, req: In<typeof createExperimentRequest>) {
  const experiment = await createExperiment(
    call.ctx,
    createExperimentInput.parse({
      teamId: call.teamId,
      projectId: call.projectId,
      name: req.name,
      artifactLocation: req.artifact_location || undefined,
      tags: req.tags,
    }),
  );
  return { experiment_id: toMlflowId(experiment.id) };
}

export async function getExperimentHandler(call: MlflowCall, req: In<typeof experimentIdRequest>) {
  const experimentId = await resolveExperimentId(call, req.experiment_id);
  const experiment = await getExperiment(
    call.ctx,
    experimentRefInput.parse({ teamId: call.teamId, experimentId }),
  );
  return { experiment: experimentJson(experiment) };
}

export async function getExperimentByNameHandler(
  call: MlflowCall,
  req: In<typeof getExperimentByNameRequest>,
) {
  const experiment = await getExperimentByName(
    call.ctx,
    getExperimentByNameInput.parse({
      teamId: call.teamId,
      projectId: call.projectId,
      name: req.experiment_name,
    }),
  );
  if (!experiment) throw doesNotExist(`Experiment '${req.experiment_name}' does not exist.`);
  return { experiment: experimentJson(experiment) };
}

export async function searchExperimentsHandler(call: MlflowCall, req: In<typeof searchExperimentsRequest>) {
  const page = await searchExperiments(
    call.ctx,
    searchExperimentsInput.parse({
      teamId: call.teamId,
      projectId: call.projectId,
      viewType: req.view_type,
      filter: req.filter || undefined,
      orderBy: req.order_by,
      maxResults: req.max_results,
      pageToken: req.page_token || undefined,
    }),
  );
  return {
    ...(page.experiments.length > 0 ? { experiments: page.experiments.map(experimentJson) } : {}),
    ...(page.nextPageToken ? { next_page_token: page.nextPageToken } : {}),
  };
}

export async function updateExperimentHandler(call: MlflowCall, req: In<typeof updateExperimentRequest>) {
  const experimentId = await resolveExperimentId(call, req.experiment_id);
  await updateExperiment(
    call.ctx,
    updateExperimentInput.parse({ teamId: call.teamId, experimentId, newName: req.new_name }),
  );
  return {};
}

export async function deleteExperimentHandler(call: MlflowCall, req: In<typeof experimentIdRequest>) {
  const experimentId = await resolveExperimentId(call, req.experiment_id);
  await deleteExperiment(call.ctx, experimentRefInput.parse({ teamId: call.teamId, experimentId }));
  return {};
}

export async function restoreExperimentHandler(call: MlflowCall, req: In<typeof experimentIdRequest>) {
  const experimentId = await resolveExperimentId(call, req.experiment_id);
  await restoreExperiment(call.ctx, experimentRefInput.parse({ teamId: call.teamId, experimentId }));
  return {};
}

export async function setExperimentTagHandler(call: MlflowCall, req: In<typeof setExperimentTagRequest>) {
  const experimentId = await resolveExperimentId(call, req.experiment_id);
  await setExperimentTag(
    call.ctx,
    setExperimentTagInput.parse({ teamId: call.teamId, experimentId, key: req.key, value: req.value }),
  );
  return {};
}

import type { ServiceContext } from '@cairn/services/context';
import { getDefaultExperiment } from '@cairn/services/tracking/get-default-experiment';
import { doesNotExist } from './mlflow-error';
import { fromMlflowId } from './mlflow-values';

/** One authenticated MLflow request: the service context and the token's team and project. */
export interface MlflowCall {
  ctx: ServiceContext;
  teamId: string;
  projectId: string;
}

/** MLflow clients with no experiment set log to experiment "0": the project's Default experiment. */
export const DEFAULT_EXPERIMENT_ID = '0';

/** An MLflow experiment id as a Cairn experiment uuid; "0" is the project's Default experiment. */
export async function resolveExperimentId(call: MlflowCall, id: string): Promise<string> {
  if (id.trim() === DEFAULT_EXPERIMENT_ID) {
    const experiment = await getDefaultExperiment(call.ctx, {
      teamId: call.teamId,
      projectId: call.projectId,
    });
    return experiment.id;
  }
  const uuid = fromMlflowId(id);
  if (!uuid) throw doesNotExist(`No Experiment with id=${id} exists`);
  return uuid;
}

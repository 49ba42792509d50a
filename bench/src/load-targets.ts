import type { ApiCaller } from './load-caller';

/** The ids the measured queries and pages are about, found through the API as the demo admin. */
export interface LoadTargets {
  teamId: string;
  projectId: string;
  experimentId: string;
  runIds: string[];
  modelProjectId: string;
  modelGroupId: string;
  modelVersionId: string;
}

/** The demo's tracking team and project: the experiment with the most runs, and a registered model. */
export async function findLoadTargets(caller: ApiCaller): Promise<LoadTargets> {
  const teams = await caller.team.list();
  for (const team of teams) {
    const projects = await caller.project.list({ teamId: team.id });
    let best: Omit<LoadTargets, 'modelProjectId' | 'modelGroupId' | 'modelVersionId'> | null = null;
    let model: Pick<LoadTargets, 'modelProjectId' | 'modelGroupId' | 'modelVersionId'> | null = null;
    for (const project of projects.items) {
      const experiments = await caller.experiment.list({ teamId: team.id, projectId: project.id });
      for (const experiment of experiments.items) {
        const runs = await caller.run.search({
          teamId: team.id,
          experimentIds: [experiment.id],
          maxResults: 50,
        });
        if (!best || runs.runs.length > best.runIds.length)
          best = {
            teamId: team.id,
            projectId: project.id,
            experimentId: experiment.id,
            runIds: runs.runs.map((run) => run.id),
          };
      }
      if (!model) {
        const groups = await caller.modelGroup.list({ teamId: team.id, projectId: project.id });
        for (const group of groups) {
          const versions = await caller.modelVersion.list({
            teamId: team.id,
            projectId: project.id,
            modelGroupId: group.id,
          });
          const version = versions.items[0];
          if (version)
            model = { modelProjectId: project.id, modelGroupId: group.id, modelVersionId: version.id };
        }
      }
    }
    if (best && best.runIds.length > 0 && model) return { ...best, ...model };
  }
  throw new Error('The demo seed has no team with runs and a registered model version');
}

import type pg from 'pg';
import { seedRuns } from '../tracking-seed';
import { longRunExperimentIndexes, runExperimentIndexes, type ScaleSpec } from './layout';
import type { Organisation } from './organisation';

/** Runs, params, tags, metric points and the long series, through the tracking bench's own loader. */
export async function seedScaleTracking(
  client: pg.Client,
  spec: ScaleSpec,
  organisation: Organisation,
  log: (line: string) => void,
): Promise<string[]> {
  const experiment = (index: number) => organisation.experimentIds[index] as string;
  return seedRuns(
    client,
    spec,
    {
      runExperimentIds: runExperimentIndexes(spec).map(experiment),
      longRunExperimentIds: longRunExperimentIndexes(spec).map(experiment),
      userId: organisation.engineerId,
    },
    log,
  );
}

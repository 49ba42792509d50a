import { DomainError } from '@cairn/core/errors';
import type { CreateRunInput } from '@cairn/core/schemas/tracking';
import { uuidV7 } from '@cairn/core/uuid-v7';
import { recordAudit } from '../audit/record-audit';
import type { ServiceContext } from '../context';
import { generateRunName } from './run-names';
import { columnsFromTags, RUN_NAME_TAG, tagMap } from './run-system-tags';
import { actingUserId, findAccessibleExperiment, mlflowId } from './tracking-access';
import { validateTags } from './tracking-limits';
import { type RunView, toRunView } from './tracking-views';

/**
 * Starts a run in an active experiment. MLflow's system tags (run name, user, source, git commit)
 * fill the run's columns too; a run without a name gets a generated one.
 */
export async function createRun(ctx: ServiceContext, input: CreateRunInput): Promise<RunView> {
  const tags = tagMap(input.tags ?? []);
  validateTags([...tags].map(([key, value]) => ({ key, value })));
  const tagName = tags.get(RUN_NAME_TAG);
  if (input.runName && tagName !== undefined && tagName !== input.runName) {
    throw new DomainError(
      'INVALID_INPUT',
      `Both 'run_name' argument and 'mlflow.runName' tag are specified, but with different values (run_name='${input.runName}', mlflow.runName='${tagName}').`,
      { field: 'runName' },
    );
  }
  const name = input.runName || tagName || generateRunName();
  tags.set(RUN_NAME_TAG, name);
  return ctx.db.$transaction(async (tx) => {
    const experiment = await findAccessibleExperiment(tx, ctx, input, 'tracking:write');
    if (experiment.deletedAt) {
      throw new DomainError(
        'INVALID_INPUT',
        `The experiment ${experiment.id} must be in the 'active' state. Current state is deleted.`,
        { field: 'experimentId' },
      );
    }
    const columns = columnsFromTags(tags);
    const id = uuidV7();
    const run = await tx.run.create({
      data: {
        id,
        teamId: experiment.teamId,
        projectId: experiment.projectId,
        experimentId: experiment.id,
        name,
        status: 'RUNNING',
        startTime: new Date(input.startTime ?? Date.now()),
        createdById: actingUserId(ctx),
        userName: input.userName ?? columns.userName ?? '',
        source: columns.source ?? '',
        gitCommit: columns.gitCommit ?? '',
        artifactUri: `${experiment.artifactLocation}/${mlflowId(id)}/artifacts`,
        tags: { createMany: { data: [...tags].map(([key, value]) => ({ key, value })) } },
      },
    });
    await recordAudit(tx, ctx, {
      action: 'run.create',
      resourceType: 'Run',
      resourceId: run.id,
      teamId: run.teamId,
      after: { name: run.name, experimentId: run.experimentId, projectId: run.projectId },
    });
    return toRunView(run);
  });
}

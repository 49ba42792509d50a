import { DomainError } from '@cairn/core/errors';
import type { CreateExperimentInput } from '@cairn/core/schemas/tracking';
import { uuidV7 } from '@cairn/core/uuid-v7';
import type { Tx } from '@cairn/db/client';
import { recordAudit } from '../audit/record-audit';
import type { ServiceContext } from '../context';
import { actingUserId, findAccessibleProject } from './tracking-access';
import { validateTags } from './tracking-limits';
import { type ExperimentView, experimentInclude, toExperimentView } from './tracking-views';

/** Creates an experiment in a project; names are unique per project, deleted experiments included. */
export async function createExperiment(
  ctx: ServiceContext,
  input: CreateExperimentInput,
): Promise<ExperimentView> {
  validateTags(input.tags ?? []);
  return ctx.db.$transaction(async (tx) => {
    const project = await findAccessibleProject(tx, ctx, input, 'tracking:write');
    if (project.archivedAt) throw new DomainError('PRECONDITION_FAILED', 'The project is archived');
    return insertExperiment(tx, ctx, {
      teamId: project.teamId,
      projectId: project.id,
      name: input.name,
      artifactLocation: input.artifactLocation,
      tags: input.tags ?? [],
    });
  });
}

export function experimentNameTaken(name: string) {
  return new DomainError('CONFLICT', `An experiment named '${name}' already exists`, { field: 'name' });
}

/** Inserts and audits an experiment in the caller's transaction, after access was checked. */
export async function insertExperiment(
  tx: Tx,
  ctx: ServiceContext,
  data: {
    teamId: string;
    projectId: string;
    name: string;
    artifactLocation?: string | undefined;
    tags: Array<{ key: string; value: string }>;
  },
): Promise<ExperimentView> {
  const clash = await tx.experiment.findUnique({
    where: { projectId_name: { projectId: data.projectId, name: data.name } },
    select: { id: true },
  });
  if (clash) throw experimentNameTaken(data.name);
  const id = uuidV7();
  const tags = new Map(data.tags.map((tag) => [tag.key, tag.value]));
  // A concurrent create of the same name loses on the unique index; no row, no error to the winner.
  const inserted = await tx.$executeRaw`
    INSERT INTO "Experiment" ("id", "teamId", "projectId", "name", "artifactLocation", "createdById", "updatedAt")
    VALUES (${id}::uuid, ${data.teamId}::uuid, ${data.projectId}::uuid, ${data.name},
            ${data.artifactLocation || `mlflow-artifacts:/${id}`}, ${actingUserId(ctx)}::uuid, now())
    ON CONFLICT ("projectId", "name") DO NOTHING`;
  if (inserted === 0) throw experimentNameTaken(data.name);
  if (tags.size > 0) {
    await tx.experimentTag.createMany({
      data: [...tags].map(([key, value]) => ({ experimentId: id, key, value })),
    });
  }
  const experiment = await tx.experiment.findUniqueOrThrow({ where: { id }, include: experimentInclude });
  await recordAudit(tx, ctx, {
    action: 'experiment.create',
    resourceType: 'Experiment',
    resourceId: id,
    teamId: data.teamId,
    after: { name: data.name, projectId: data.projectId, tagCount: tags.size },
  });
  return toExperimentView(experiment);
}

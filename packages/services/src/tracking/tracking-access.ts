import { roleInTeam } from '@cairn/core/actor';
import { DomainError, notFound } from '@cairn/core/errors';
import { roleHasPermission } from '@cairn/core/permissions';
import type { Db } from '@cairn/db/client';
import type { ServiceContext } from '../context';

export type TrackingPermission = 'tracking:read' | 'tracking:write';

export interface TrackedResource {
  teamId: string;
  projectId: string;
}

/**
 * Authorizes the context's actor on a tracking resource already looked up within the input's team.
 * People: their role in the resource's team (org admins act as admins). API tokens: only in their
 * own project, and only while their creator still holds the permission there. A resource the actor
 * may not see is NOT_FOUND; one it sees but may not change is FORBIDDEN.
 */
export async function assertTrackingAccess(
  tx: Db,
  ctx: ServiceContext,
  resource: TrackedResource,
  permission: TrackingPermission,
): Promise<void> {
  const { actor } = ctx;
  switch (actor.kind) {
    case 'user': {
      const role = actor.isOrgAdmin ? 'ADMIN' : roleInTeam(actor, resource.teamId);
      if (!role) throw notFound('Team');
      if (!roleHasPermission(role, permission)) throw roleTooWeak();
      return;
    }
    case 'apiToken': {
      if (actor.teamId !== resource.teamId || actor.projectId !== resource.projectId) {
        throw new DomainError('NOT_FOUND', 'Not found in the project of this token');
      }
      const creator = await tx.user.findUnique({
        where: { id: actor.userId },
        select: {
          isOrgAdmin: true,
          disabledAt: true,
          memberships: { where: { teamId: resource.teamId }, select: { role: true } },
        },
      });
      if (!creator || creator.disabledAt) {
        throw new DomainError('FORBIDDEN', 'The person who created this token can no longer act');
      }
      const role = creator.isOrgAdmin ? 'ADMIN' : creator.memberships[0]?.role;
      if (!role) {
        throw new DomainError('FORBIDDEN', 'The person who created this token is no longer in this team');
      }
      if (!roleHasPermission(role, permission)) {
        throw new DomainError(
          'FORBIDDEN',
          "The role of this token's creator in this team does not allow this",
        );
      }
      return;
    }
    case 'worker':
    case 'system':
      return;
    case 'anonymous':
      throw new DomainError('UNAUTHENTICATED', 'Sign in, or present an API token');
  }
}

function roleTooWeak() {
  return new DomainError('FORBIDDEN', 'Your role in this team does not allow this');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids reach services from MLflow clients unchecked; anything not a uuid names nothing. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** The experiment with this id in the team, after authorizing the actor on it; NOT_FOUND otherwise. */
export async function findAccessibleExperiment(
  tx: Db,
  ctx: ServiceContext,
  ref: { teamId: string; experimentId: string },
  permission: TrackingPermission,
) {
  const experiment = isUuid(ref.experimentId)
    ? await tx.experiment.findFirst({ where: { id: ref.experimentId, teamId: ref.teamId } })
    : null;
  if (!experiment) throw notFound('Experiment');
  await assertTrackingAccess(tx, ctx, experiment, permission);
  return experiment;
}

/** The run with this id in the team, after authorizing the actor on it; NOT_FOUND otherwise. */
export async function findAccessibleRun(
  tx: Db,
  ctx: ServiceContext,
  ref: { teamId: string; runId: string },
  permission: TrackingPermission,
) {
  const run = isUuid(ref.runId)
    ? await tx.run.findFirst({ where: { id: ref.runId, teamId: ref.teamId } })
    : null;
  if (!run) throw notFound('Run');
  await assertTrackingAccess(tx, ctx, run, permission);
  return run;
}

/** The project with this id in the team, after authorizing the actor on it; NOT_FOUND otherwise. */
export async function findAccessibleProject(
  tx: Db,
  ctx: ServiceContext,
  ref: { teamId: string; projectId: string },
  permission: TrackingPermission,
) {
  const project = isUuid(ref.projectId)
    ? await tx.project.findFirst({ where: { id: ref.projectId, teamId: ref.teamId } })
    : null;
  if (!project) throw notFound('Project');
  await assertTrackingAccess(tx, ctx, { teamId: project.teamId, projectId: project.id }, permission);
  return project;
}

/** MLflow refuses every write to a deleted run. */
export function assertRunActive(run: { id: string; deletedAt: Date | null }) {
  if (run.deletedAt) {
    throw new DomainError(
      'INVALID_INPUT',
      `The run ${mlflowId(run.id)} must be in the 'active' state. Current state is deleted.`,
      { field: 'runId' },
    );
  }
}

/** The Cairn user behind the actor (a token acts for its creator), for createdById columns. */
export function actingUserId(ctx: ServiceContext): string | null {
  const { actor } = ctx;
  return actor.kind === 'user' || actor.kind === 'apiToken' ? actor.userId : null;
}

/** Ids as MLflow clients see them (32 hex digits), for messages those clients show. */
export function mlflowId(id: string): string {
  return id.replaceAll('-', '');
}

/** Runs by id within the team, in the order asked, each authorized; any missing one is NOT_FOUND. */
export async function findAccessibleRuns(
  tx: Db,
  ctx: ServiceContext,
  ref: { teamId: string; runIds: string[] },
  permission: TrackingPermission,
) {
  const ids = [...new Set(ref.runIds)];
  if (!ids.every(isUuid)) throw notFound('Run');
  const runs = await tx.run.findMany({ where: { id: { in: ids }, teamId: ref.teamId } });
  if (runs.length !== ids.length) throw notFound('Run');
  const checked = new Set<string>();
  for (const run of runs) {
    if (checked.has(run.projectId)) continue;
    await assertTrackingAccess(tx, ctx, run, permission);
    checked.add(run.projectId);
  }
  const byId = new Map(runs.map((run) => [run.id, run]));
  return ids.map((id) => byId.get(id)!);
}

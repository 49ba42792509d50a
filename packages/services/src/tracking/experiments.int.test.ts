import { createTestDatabase, type TestDatabase } from '@cairn/db/testing/test-database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor, makeTeam, type TestTeam } from '../testing/fixtures';
import { createExperiment } from './create-experiment';
import { deleteExperiment } from './delete-experiment';
import { getDefaultExperiment } from './get-default-experiment';
import { getExperiment } from './get-experiment';
import { getExperimentByName } from './get-experiment-by-name';
import { listExperiments } from './list-experiments';
import { restoreExperiment } from './restore-experiment';
import { searchExperiments } from './search-experiments';
import { setExperimentTag } from './set-experiment-tag';
import { updateExperiment } from './update-experiment';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

function experimentIn(team: TestTeam, name: string, tags: Array<{ key: string; value: string }> = []) {
  return createExperiment(contextFor(t.db, team.engineer), {
    teamId: team.teamId,
    projectId: team.projectId,
    name,
    tags,
  });
}

describe('experiments', () => {
  it('creates, reads by id and name, renames, tags, deletes and restores, auditing each write', async () => {
    const team = await makeTeam(t.db);
    const ctx = contextFor(t.db, team.engineer);
    const created = await experimentIn(team, 'fraud', [{ key: 'owner', value: 'risk' }]);
    expect(created).toMatchObject({
      name: 'fraud',
      lifecycleStage: 'active',
      artifactLocation: `mlflow-artifacts:/${created.id}`,
      tags: [{ key: 'owner', value: 'risk' }],
    });
    const ref = { teamId: team.teamId, experimentId: created.id };
    await expect(getExperiment(contextFor(t.db, team.viewer), ref)).resolves.toMatchObject({ name: 'fraud' });
    await expect(
      getExperimentByName(ctx, { teamId: team.teamId, projectId: team.projectId, name: 'fraud' }),
    ).resolves.toMatchObject({ id: created.id });
    await updateExperiment(ctx, { ...ref, newName: 'fraud-v2' });
    await setExperimentTag(ctx, { ...ref, key: 'owner', value: 'ml' });
    await deleteExperiment(ctx, ref);
    await expect(getExperiment(ctx, ref)).resolves.toMatchObject({
      name: 'fraud-v2',
      lifecycleStage: 'deleted',
      tags: [{ key: 'owner', value: 'ml' }],
    });
    await expect(deleteExperiment(ctx, ref)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(updateExperiment(ctx, { ...ref, newName: 'x' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await restoreExperiment(ctx, ref);
    await expect(getExperiment(ctx, ref)).resolves.toMatchObject({ lifecycleStage: 'active' });
    const actions = await t.db.auditEvent.findMany({
      where: { resourceId: created.id },
      orderBy: { seq: 'asc' },
      select: { action: true },
    });
    expect(actions.map((a) => a.action)).toEqual([
      'experiment.create',
      'experiment.rename',
      'experiment.setTag',
      'experiment.delete',
      'experiment.restore',
    ]);
  });

  it('keeps names unique per project, deleted experiments included', async () => {
    const team = await makeTeam(t.db);
    const other = await makeTeam(t.db);
    const first = await experimentIn(team, 'dup');
    await experimentIn(team, 'taken');
    await expect(experimentIn(team, 'dup')).rejects.toMatchObject({
      code: 'CONFLICT',
      message: "An experiment named 'dup' already exists",
    });
    await deleteExperiment(contextFor(t.db, team.engineer), { teamId: team.teamId, experimentId: first.id });
    await expect(experimentIn(team, 'dup')).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(
      updateExperiment(contextFor(t.db, team.engineer), {
        teamId: team.teamId,
        experimentId: (await experimentIn(team, 'free')).id,
        newName: 'taken',
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(experimentIn(other, 'dup')).resolves.toMatchObject({ name: 'dup' });
    expect(await t.db.experiment.count({ where: { projectId: team.projectId } })).toBe(3);
  });

  it('refuses viewers, other teams, tokens of other projects, and bad tag names, writing nothing', async () => {
    const team = await makeTeam(t.db);
    const other = await makeTeam(t.db);
    const input = { teamId: team.teamId, projectId: team.projectId, name: 'x' };
    await expect(createExperiment(contextFor(t.db, team.viewer), input)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(createExperiment(contextFor(t.db, other.engineer), input)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const otherProject = await t.db.project.create({
      data: { teamId: team.teamId, name: 'Other', slug: `other-${crypto.randomUUID()}` },
    });
    const tokenCtx = {
      ...contextFor(t.db, team.engineer),
      actor: {
        kind: 'apiToken' as const,
        tokenId: crypto.randomUUID(),
        userId: team.engineer.id,
        label: 'token',
        teamId: team.teamId,
        projectId: otherProject.id,
      },
    };
    await expect(createExperiment(tokenCtx, input)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      createExperiment(contextFor(t.db, team.engineer), {
        ...input,
        tags: [{ key: 'bad/../key', value: 'v' }],
      }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'tags' });
    expect(await t.db.experiment.count({ where: { projectId: team.projectId } })).toBe(0);
  });

  it('creates the Default experiment once, on first use by a writer', async () => {
    const team = await makeTeam(t.db);
    const input = { teamId: team.teamId, projectId: team.projectId };
    await expect(getDefaultExperiment(contextFor(t.db, team.viewer), input)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const [a, b] = await Promise.all([
      getDefaultExperiment(contextFor(t.db, team.engineer), input),
      getDefaultExperiment(contextFor(t.db, team.engineer), input),
    ]);
    expect(a.id).toBe(b.id);
    await expect(getDefaultExperiment(contextFor(t.db, team.viewer), input)).resolves.toMatchObject({
      name: 'Default',
    });
  });

  it('lists newest first by keyset, with run counts', async () => {
    const team = await makeTeam(t.db);
    const ctx = contextFor(t.db, team.viewer);
    for (const name of ['a', 'b', 'c']) await experimentIn(team, name);
    const base = { teamId: team.teamId, projectId: team.projectId, includeDeleted: false, limit: 2 };
    const first = await listExperiments(ctx, base);
    expect(first.items.map((e) => e.name)).toEqual(['c', 'b']);
    expect(first.items[0]).toMatchObject({ runCount: 0, lastRunAt: null });
    const second = await listExperiments(ctx, { ...base, cursor: first.nextCursor });
    expect(second.items.map((e) => e.name)).toEqual(['a']);
    expect(second.nextCursor).toBeUndefined();
    const filtered = await listExperiments(ctx, { ...base, nameContains: 'B' });
    expect(filtered.items.map((e) => e.name)).toEqual(['b']);
  });

  it('searches with MLflow filters, order_by and page tokens', async () => {
    const team = await makeTeam(t.db);
    const ctx = contextFor(t.db, team.viewer);
    await experimentIn(team, 'fraud-xgb', [{ key: 'team', value: 'risk' }]);
    await experimentIn(team, 'fraud-mlp', [{ key: 'team', value: 'growth' }]);
    const gone = await experimentIn(team, 'churn');
    await deleteExperiment(contextFor(t.db, team.engineer), { teamId: team.teamId, experimentId: gone.id });
    const base = {
      teamId: team.teamId,
      projectId: team.projectId,
      viewType: 'ACTIVE_ONLY' as const,
      maxResults: 1000,
    };
    const names = async (extra: Partial<Parameters<typeof searchExperiments>[1]>) =>
      (await searchExperiments(ctx, { ...base, ...extra })).experiments.map((e) => e.name);
    expect(await names({ filter: "name LIKE 'fraud-%'", orderBy: ['name ASC'] })).toEqual([
      'fraud-mlp',
      'fraud-xgb',
    ]);
    expect(await names({ filter: "tags.team = 'risk'" })).toEqual(['fraud-xgb']);
    expect(await names({ filter: "name = 'churn'" })).toEqual([]);
    expect(await names({ viewType: 'DELETED_ONLY' })).toEqual(['churn']);
    expect(await names({ viewType: 'ALL', orderBy: ['name DESC'] })).toEqual([
      'fraud-xgb',
      'fraud-mlp',
      'churn',
    ]);
    const page1 = await searchExperiments(ctx, { ...base, maxResults: 1, orderBy: ['name'] });
    expect(page1.experiments.map((e) => e.name)).toEqual(['fraud-mlp']);
    const page2 = await searchExperiments(ctx, {
      ...base,
      maxResults: 1,
      orderBy: ['name'],
      pageToken: page1.nextPageToken,
    });
    expect(page2.experiments.map((e) => e.name)).toEqual(['fraud-xgb']);
    expect(page2.nextPageToken).toBeUndefined();
    await expect(names({ filter: "name = 'a' OR name = 'b'" })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      field: 'filter',
    });
    await expect(names({ pageToken: 'garbage' })).rejects.toMatchObject({ field: 'pageToken' });
  });
});

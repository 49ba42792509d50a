import type { TestDatabase } from '@cairn/db/testing/test-database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mirrorModelGroupJob } from '../jobs/job-contracts';
import type { JobQueue } from '../jobs/job-queue';
import { contextFor, makeTeam } from '../testing/fixtures';
import { openQueueTestDatabase } from '../testing/queue-test-database';
import { createModelGroup } from './create-model-group';
import { listModelGroups } from './list-model-groups';

let t: TestDatabase;
let queue: JobQueue;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ t, queue, close } = await openQueueTestDatabase());
});
afterAll(() => close());

describe('model groups', () => {
  it('creates the group, its audit event and its mirror job together, named for AWS from its id', async () => {
    const team = await makeTeam(t.db);
    const ctx = { ...contextFor(t.db, team.engineer), queue };
    const group = await createModelGroup(ctx, {
      teamId: team.teamId,
      projectId: team.projectId,
      name: 'fraud-scorer',
      description: '',
    });
    expect(group).toMatchObject({
      awsStatus: 'PENDING',
      awsName: `cairn-mpg-${group.id.replaceAll('-', '')}`,
    });
    const jobs = await queue.findJobs(mirrorModelGroupJob.name, { data: { modelGroupId: group.id } });
    expect(jobs).toHaveLength(1);
    await expect(
      t.db.auditEvent.count({ where: { action: 'modelGroup.create', resourceId: group.id } }),
    ).resolves.toBe(1);
    await expect(
      listModelGroups(ctx, { teamId: team.teamId, projectId: team.projectId }),
    ).resolves.toHaveLength(1);
  });

  it('refuses a duplicate name, an archived project and another team’s project, and leaves no job', async () => {
    const team = await makeTeam(t.db);
    const other = await makeTeam(t.db);
    const ctx = { ...contextFor(t.db, team.engineer), queue };
    const input = { teamId: team.teamId, projectId: team.projectId, name: 'dup', description: '' };
    await createModelGroup(ctx, input);
    await expect(createModelGroup(ctx, input)).rejects.toMatchObject({ code: 'CONFLICT', field: 'name' });
    await expect(
      createModelGroup(ctx, { ...input, projectId: other.projectId, name: 'x' }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await t.db.project.update({ where: { id: team.projectId }, data: { archivedAt: new Date() } });
    await expect(createModelGroup(ctx, { ...input, name: 'late' })).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED',
    });
    const jobs = await queue.findJobs(mirrorModelGroupJob.name, { data: { teamId: team.teamId } });
    expect(jobs).toHaveLength(1);
  });
});

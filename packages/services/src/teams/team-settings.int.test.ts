import { updateTeamSettingsInput } from '@cairn/core/schemas/team';
import { createTestDatabase, type TestDatabase } from '@cairn/db/testing/test-database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor, makeTeam } from '../testing/fixtures';
import { getTeamSettings } from './get-team-settings';
import { updateTeamSettings } from './update-team-settings';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const settings = (teamId: string) =>
  updateTeamSettingsInput.parse({
    teamId,
    iamRoleArn: 'arn:aws:iam::123456789012:role/cairn-team-fraud',
    iamExternalId: 'cairn-7f3a',
    awsRegion: 'eu-west-1',
    permissionBoundaryNote: 'Bounded by arn:aws:iam::123456789012:policy/cairn-boundary',
  });

describe('team settings', () => {
  it('saves the role, region and boundary note and audits the change without the external id', async () => {
    const team = await makeTeam(t.db);
    await updateTeamSettings(contextFor(t.db, team.admin), settings(team.teamId));
    await expect(getTeamSettings(contextFor(t.db, team.admin), { teamId: team.teamId })).resolves.toEqual({
      teamId: team.teamId,
      iamRoleArn: 'arn:aws:iam::123456789012:role/cairn-team-fraud',
      iamExternalId: 'cairn-7f3a',
      awsRegion: 'eu-west-1',
      permissionBoundaryNote: 'Bounded by arn:aws:iam::123456789012:policy/cairn-boundary',
      environmentRoles: [],
    });
    const event = await t.db.auditEvent.findFirstOrThrow({
      where: { action: 'team.updateSettings', teamId: team.teamId },
    });
    expect(event.after).toMatchObject({
      hasExternalId: true,
      isExternalIdChanged: true,
      permissionBoundaryNote: 'Bounded by arn:aws:iam::123456789012:policy/cairn-boundary',
    });
    expect(JSON.stringify({ ...event, seq: event.seq.toString() })).not.toContain('cairn-7f3a');
  });

  it('lists the environments that act as a role of their own, with their project', async () => {
    const team = await makeTeam(t.db);
    const prodRole = 'arn:aws:iam::210987654321:role/cairn-fraud-prod';
    await t.db.environment.updateMany({
      where: { projectId: team.projectId, name: 'PROD' },
      data: { roleArnOverride: prodRole, region: 'eu-central-1' },
    });
    const { environmentRoles } = await getTeamSettings(contextFor(t.db, team.admin), { teamId: team.teamId });
    expect(environmentRoles).toEqual([
      expect.objectContaining({
        environment: 'PROD',
        region: 'eu-central-1',
        roleArn: prodRole,
        projectId: team.projectId,
      }),
    ]);
  });

  it('clears the role and the note when the fields are blank', async () => {
    const team = await makeTeam(t.db);
    const ctx = contextFor(t.db, team.admin);
    await updateTeamSettings(ctx, settings(team.teamId));
    const cleared = updateTeamSettingsInput.parse({
      ...settings(team.teamId),
      iamRoleArn: '  ',
      iamExternalId: '',
      permissionBoundaryNote: ' ',
    });
    await updateTeamSettings(ctx, cleared);
    await expect(getTeamSettings(ctx, { teamId: team.teamId })).resolves.toMatchObject({
      iamRoleArn: null,
      iamExternalId: null,
      permissionBoundaryNote: null,
    });
  });

  it('names the field of a malformed ARN, region or overlong note', () => {
    const result = updateTeamSettingsInput.safeParse({
      teamId: crypto.randomUUID(),
      iamRoleArn: 'arn:aws:iam::123:user/bob',
      iamExternalId: null,
      awsRegion: 'Europe',
      permissionBoundaryNote: 'x'.repeat(1001),
    });
    expect(result.success).toBe(false);
    const fields = result.error?.issues.map((issue) => issue.path[0]).sort();
    expect(fields).toEqual(['awsRegion', 'iamRoleArn', 'permissionBoundaryNote']);
  });
});

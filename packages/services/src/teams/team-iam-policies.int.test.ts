import { policyActions } from '@cairn/core/iam/policy-document';
import { createTestDatabase, type TestDatabase } from '@cairn/db/testing/test-database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor, makeTeam } from '../testing/fixtures';
import { getTeamIamPolicies } from './get-team-iam-policies';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const WORKER_ROLE = 'arn:aws:iam::111111111111:role/cairn-worker';

describe("a team's generated IAM policies", () => {
  it("are built from the team's role, external id and what it registered in Cairn", async () => {
    const team = await makeTeam(t.db);
    const db = t.db;
    const teamRow = await db.team.update({
      where: { id: team.teamId },
      data: {
        iamRoleArn: 'arn:aws:iam::222222222222:role/cairn-team',
        iamExternalId: 'cairn-ext-1',
        awsRegion: 'us-east-1',
      },
    });
    await db.environment.updateMany({
      where: { projectId: team.projectId, name: 'PROD' },
      data: { roleArnOverride: 'arn:aws:iam::222222222222:role/cairn-team-prod' },
    });
    await db.pipeline.create({
      data: {
        teamId: team.teamId,
        projectId: team.projectId,
        kind: 'CODEPIPELINE',
        awsPipelineName: 'fraud-release',
      },
    });

    const result = await getTeamIamPolicies(contextFor(db, team.admin), {
      teamId: team.teamId,
      workerRoleArn: WORKER_ROLE,
    });

    expect(result.missing).toEqual([]);
    expect(result.trustPolicy.Statement[0]).toMatchObject({
      Principal: { AWS: WORKER_ROLE },
      Condition: {
        StringEquals: { 'sts:ExternalId': 'cairn-ext-1', 'aws:RequestTag/team': teamRow.slug },
        StringLike: { 'sts:SourceIdentity': '*' },
      },
    });
    const byId = Object.fromEntries(result.permissionsPolicy.Statement.map((s) => [s.Sid, s]));
    expect(byId.RunTeamCodePipelines?.Resource).toContain(
      'arn:aws:codepipeline:us-east-1:222222222222:fraud-release',
    );
    expect(byId.PassExecutionRoleToSageMaker?.Resource).toEqual([
      'arn:aws:iam::222222222222:role/cairn-team',
      'arn:aws:iam::222222222222:role/cairn-team-prod',
    ]);
    expect(policyActions(result.permissionsPolicy)).not.toContain('*');
  });

  it('say what is missing when the install has no worker role and the team no external id', async () => {
    const team = await makeTeam(t.db);
    const result = await getTeamIamPolicies(contextFor(t.db, team.admin), {
      teamId: team.teamId,
      workerRoleArn: null,
    });
    expect(result.missing).toEqual(['workerRoleArn', 'iamExternalId', 'iamRoleArn']);
  });

  it('answer not found for a team that does not exist', async () => {
    const team = await makeTeam(t.db);
    await expect(
      getTeamIamPolicies(contextFor(t.db, team.admin), { teamId: crypto.randomUUID(), workerRoleArn: null }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

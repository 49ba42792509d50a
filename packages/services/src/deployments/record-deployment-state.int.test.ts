import { createTestDatabase, type TestDatabase } from '@cairn/db/testing/test-database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTeam } from '../testing/fixtures';
import { recordDeploymentState } from './record-deployment-state';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

/** A team with two deployments of one endpoint: `first` in service, `second` updating it. */
async function endpointBeingUpdated() {
  const team = await makeTeam(t.db);
  const experiment = await t.db.experiment.create({
    data: { teamId: team.teamId, projectId: team.projectId, name: 'training' },
  });
  const run = await t.db.run.create({
    data: {
      teamId: team.teamId,
      projectId: team.projectId,
      experimentId: experiment.id,
      name: 'run',
      status: 'FINISHED',
      startTime: new Date(),
    },
  });
  const group = await t.db.modelGroup.create({
    data: {
      teamId: team.teamId,
      projectId: team.projectId,
      name: 'churn',
      awsName: `cairn-mpg-${crypto.randomUUID()}`,
    },
  });
  const version = await t.db.modelVersion.create({
    data: {
      teamId: team.teamId,
      projectId: team.projectId,
      modelGroupId: group.id,
      version: 1,
      runId: run.id,
      artifactUri: 's3://artifacts/churn/model.tar.gz',
      inferenceImageUri: 'repo/churn:1',
      framework: 'SKLEARN',
    },
  });
  const environment = await t.db.environment.findUniqueOrThrow({
    where: { projectId_name: { projectId: team.projectId, name: 'STAGING' } },
  });
  const base = {
    teamId: team.teamId,
    projectId: team.projectId,
    environmentId: environment.id,
    modelVersionId: version.id,
    type: 'REALTIME' as const,
    spec: {},
    awsResourceName: 'cairn-ep-churn',
    predictedMonthlyUsd: 100,
    createdById: team.engineer.id,
  };
  const first = await t.db.deployment.create({
    data: { ...base, status: 'IN_SERVICE', inServiceAt: new Date() },
  });
  const second = await t.db.deployment.create({
    data: { ...base, status: 'UPDATING', previousDeploymentId: first.id, endpointConfigName: 'cairn-epc-2' },
  });
  return { team, first, second };
}

const record = (deploymentId: string, change: Parameters<typeof recordDeploymentState>[1]['change']) =>
  recordDeploymentState(t.db, { deploymentId, jobId: crypto.randomUUID(), onBehalfOfUserId: null, change });

const audited = (resourceId: string) =>
  t.db.auditEvent.count({ where: { action: 'deployment.recordState', resourceId } });

describe('recordDeploymentState', () => {
  it('records progress once per change, and a repeated look not at all', async () => {
    const { second } = await endpointBeingUpdated();
    const progress = {
      status: 'UPDATING' as const,
      awsStatus: 'Updating',
      trafficPercent: 25,
      detail: '25% of traffic',
    };
    expect(await record(second.id, progress)).toEqual({ isRecorded: true, status: 'UPDATING' });
    expect(await record(second.id, progress)).toEqual({ isRecorded: false, status: 'UPDATING' });
    // A look that cannot tell the traffic share is no news either.
    expect(await record(second.id, { status: 'UPDATING', awsStatus: 'Updating' })).toMatchObject({
      isRecorded: false,
    });
    expect(
      await record(second.id, { ...progress, trafficPercent: 100, detail: '100% of traffic' }),
    ).toMatchObject({
      isRecorded: true,
    });
    expect(await audited(second.id)).toBe(2);
    const events = await t.db.deploymentEvent.findMany({
      where: { deploymentId: second.id },
      orderBy: { occurredAt: 'asc' },
    });
    expect(events.map((event) => event.trafficPercent)).toEqual([25, 100]);
  });

  it('supersedes the previous deployment once the update is in service, and ignores news of a state it has passed', async () => {
    const { team, first, second } = await endpointBeingUpdated();
    await record(second.id, { status: 'IN_SERVICE', awsStatus: 'InService' });
    const [now, before] = await Promise.all([
      t.db.deployment.findUniqueOrThrow({ where: { id: second.id } }),
      t.db.deployment.findUniqueOrThrow({ where: { id: first.id } }),
    ]);
    expect(now).toMatchObject({ status: 'IN_SERVICE', inServiceAt: expect.any(Date), endedAt: null });
    expect(before).toMatchObject({ status: 'SUPERSEDED', endedAt: expect.any(Date) });
    // A late look from a replayed job still saw the update running.
    expect(
      await record(second.id, { status: 'UPDATING', awsStatus: 'Updating', trafficPercent: 50 }),
    ).toMatchObject({
      isRecorded: false,
      status: 'IN_SERVICE',
    });
    const notes = await t.db.notification.findMany({ where: { userId: team.engineer.id } });
    expect(notes.map((note) => note.kind)).toEqual(['deployment.in_service']);
  });

  it('fails an update SageMaker rolled back and leaves the previous deployment in service', async () => {
    const { first, second } = await endpointBeingUpdated();
    await record(second.id, { status: 'FAILED', rolledBackBecause: 'alarm cairn-alarm-x in ALARM' });
    expect(await t.db.deployment.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({
      status: 'FAILED',
      statusReason: 'rolled back automatically: alarm cairn-alarm-x in ALARM',
      endedAt: expect.any(Date),
    });
    expect(await t.db.deployment.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({
      status: 'IN_SERVICE',
      endedAt: null,
    });
    expect(await record(second.id, { status: 'IN_SERVICE' })).toMatchObject({
      isRecorded: false,
      status: 'FAILED',
    });
  });
});

describe('alerts of a deployment that stops serving', () => {
  it('resolve when it is superseded, audited with the reason', async () => {
    const { team, first, second } = await endpointBeingUpdated();
    const rule = await t.db.alertRule.create({
      data: {
        teamId: team.teamId,
        projectId: team.projectId,
        deploymentId: first.id,
        name: '5xx burst',
        metric: 'error_rate_5xx',
        statistic: 'Average',
        comparator: 'GREATER_THAN',
        threshold: 1,
        windowMinutes: 1,
        evaluationPeriods: 1,
        severity: 'CRITICAL',
      },
    });
    const alert = await t.db.alert.create({
      data: {
        teamId: team.teamId,
        projectId: team.projectId,
        ruleId: rule.id,
        ruleName: rule.name,
        metric: rule.metric,
        condition: '5xx error rate > 1%',
        deploymentId: first.id,
        severity: 'CRITICAL',
        firstValue: 40,
        lastValue: 40,
        status: 'ACKNOWLEDGED',
      },
    });
    await record(second.id, { status: 'IN_SERVICE', awsStatus: 'InService' });
    await expect(t.db.alert.findUniqueOrThrow({ where: { id: alert.id } })).resolves.toMatchObject({
      status: 'RESOLVED',
      resolvedAt: expect.any(Date),
    });
    const audit = await t.db.auditEvent.findFirstOrThrow({
      where: { action: 'alert.resolve', resourceId: alert.id },
    });
    expect(audit.reason).toContain('The deployment stopped serving: Replaced on the endpoint by deployment');
  });
});

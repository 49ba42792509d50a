import type { PrismaClient } from '@cairn/db/client';
import type { TestTeam } from '@cairn/services/testing/fixtures';

/**
 * The rows the authorization matrix's sample inputs stand on, each made fresh in the team's
 * project: experiments, runs, model versions, approval requests, deployments, alert rules and alerts.
 */
export function sampleRows(db: PrismaClient, team: TestTeam) {
  async function makeExperiment(options: { isDeleted?: boolean } = {}) {
    return db.experiment.create({
      data: {
        teamId: team.teamId,
        projectId: team.projectId,
        name: `e-${crypto.randomUUID()}`,
        deletedAt: options.isDeleted ? new Date() : null,
      },
    });
  }

  async function makeRun() {
    const experiment = await makeExperiment();
    return db.run.create({
      data: {
        teamId: team.teamId,
        projectId: team.projectId,
        experimentId: experiment.id,
        name: 'run',
        startTime: new Date(),
      },
    });
  }

  async function makeModelVersionInputs() {
    const id = crypto.randomUUID();
    const group = await db.modelGroup.create({
      data: { id, teamId: team.teamId, projectId: team.projectId, name: `g-${id}`, awsName: `mpg-${id}` },
    });
    const run = await db.run.update({ where: { id: (await makeRun()).id }, data: { status: 'FINISHED' } });
    return { teamId: team.teamId, projectId: team.projectId, modelGroupId: group.id, runId: run.id };
  }

  async function makeModelVersion() {
    const inputs = await makeModelVersionInputs();
    return db.modelVersion.create({
      data: {
        ...inputs,
        version: 1,
        artifactUri: 's3://cairn-artifacts/model.tar.gz',
        inferenceImageUri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/scorer:1',
        framework: 'OTHER',
      },
    });
  }

  async function makeApprovalRequest() {
    const version = await makeModelVersion();
    const request = await db.approvalRequest.create({
      data: {
        teamId: team.teamId,
        projectId: team.projectId,
        modelVersionId: version.id,
        environment: 'PROD',
        policy: {
          requiredApprovals: 2,
          metricGates: [],
          beatsProduction: null,
          budgetHeadroom: false,
          requestTtlHours: 24,
        },
        requestedById: team.engineer.id,
        expiresAt: new Date(Date.now() + 3_600_000),
      },
    });
    return { version, request };
  }

  /** A DEV real-time deployment of a fresh (mirrored) version, already in service. */
  async function makeDeployment(status: 'IN_SERVICE' | 'PENDING' = 'IN_SERVICE') {
    const version = await db.modelVersion.update({
      where: { id: (await makeModelVersion()).id },
      data: { awsStatus: 'READY', awsArn: 'arn:aws:sagemaker:us-east-1:111122223333:model-package/g/1' },
    });
    const environment = await db.environment.findFirstOrThrow({
      where: { projectId: team.projectId, name: 'DEV' },
    });
    const id = crypto.randomUUID();
    return db.deployment.create({
      data: {
        id,
        teamId: team.teamId,
        projectId: team.projectId,
        environmentId: environment.id,
        modelVersionId: version.id,
        type: 'REALTIME',
        spec: realtimeSpec(version.id),
        status,
        awsResourceName: `cairn-ep-${id.replaceAll('-', '')}`,
        predictedMonthlyUsd: 84.1,
      },
    });
  }

  /** An in-service shadow test of a fresh version, beside a live deployment. */
  async function makeShadowDeployment() {
    const deployment = await makeDeployment();
    return db.deployment.update({
      where: { id: deployment.id },
      data: {
        inServiceAt: new Date(),
        spec: {
          ...realtimeSpec(deployment.modelVersionId),
          strategy: { kind: 'SHADOW', shadowPercent: 20, days: 7 },
        },
      },
    });
  }

  function realtimeSpec(modelVersionId: string) {
    return {
      type: 'REALTIME',
      modelVersionId,
      environment: 'DEV',
      instanceType: 'ml.m5.large',
      initialInstanceCount: 1,
      strategy: { kind: 'ALL_AT_ONCE', waitSeconds: 0 },
    };
  }

  async function makeProjectWithWebhook() {
    const project = await db.project.create({
      data: { teamId: team.teamId, name: 'hooked', slug: `hooked-${crypto.randomUUID()}` },
    });
    await db.projectWebhook.create({
      data: {
        teamId: team.teamId,
        projectId: project.id,
        url: 'https://hooks.example.com/cairn',
        secret: 'whsec_test',
        events: ['model_version.approved'],
      },
    });
    return { teamId: team.teamId, projectId: project.id };
  }

  /** A firing alert on a fresh in-service deployment, under a rule of its own. */
  async function makeAlertRule(deploymentId: string | null = null) {
    return db.alertRule.create({
      data: {
        teamId: team.teamId,
        projectId: team.projectId,
        deploymentId,
        name: 'errors',
        metric: 'error_rate_5xx',
        statistic: 'Average',
        comparator: 'GREATER_THAN',
        threshold: 1,
        windowMinutes: 5,
        evaluationPeriods: 2,
        severity: 'CRITICAL',
      },
    });
  }

  async function makeFiringAlert() {
    const deployment = await makeDeployment();
    const rule = await makeAlertRule(deployment.id);
    return db.alert.create({
      data: {
        teamId: team.teamId,
        projectId: team.projectId,
        ruleId: rule.id,
        ruleName: rule.name,
        metric: rule.metric,
        condition: 'sample condition',
        deploymentId: deployment.id,
        severity: 'CRITICAL',
        firstValue: 12,
        lastValue: 12,
      },
    });
  }

  /** A project budget of its own, so deleting it leaves the team's other budgets alone. */
  async function makeBudget() {
    const project = await db.project.create({
      data: {
        teamId: team.teamId,
        name: `Budgeted ${crypto.randomUUID()}`,
        slug: `b-${crypto.randomUUID()}`,
      },
    });
    return db.budget.create({ data: { teamId: team.teamId, projectId: project.id, monthlyUsd: 1000 } });
  }

  return {
    makeExperiment,
    makeRun,
    makeModelVersionInputs,
    makeModelVersion,
    makeApprovalRequest,
    makeDeployment,
    makeShadowDeployment,
    realtimeSpec,
    makeProjectWithWebhook,
    makeAlertRule,
    makeFiringAlert,
    makeBudget,
  };
}

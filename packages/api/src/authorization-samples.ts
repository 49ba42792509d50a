import type { PrismaClient } from '@cairn/db/client';
import type { JobQueue } from '@cairn/services/jobs/job-queue';
import { makeUser, type TestTeam } from '@cairn/services/testing/fixtures';
import { sampleRows } from './authorization-sample-rows';

/**
 * A valid input for every tRPC procedure, each call making the rows it needs in the team's project,
 * so that every role allowed to call the procedure succeeds. The authorization matrix calls each
 * with every role; a new procedure without one fails it.
 */
export function sampleInputs(
  db: PrismaClient,
  team: TestTeam,
  queue: JobQueue,
): Record<string, () => Promise<unknown>> {
  const {
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
  } = sampleRows(db, team);

  /** A valid input for every procedure; a new procedure without one fails the matrix below. */
  return {
    'me.get': async () => undefined,
    'team.list': async () => undefined,
    'team.create': async () => ({ name: `Team ${crypto.randomUUID()}`, awsRegion: 'eu-west-1' }),
    'team.byId': async () => ({ teamId: team.teamId }),
    'team.settings': async () => ({ teamId: team.teamId }),
    'team.iamPolicies': async () => ({ teamId: team.teamId }),
    'team.awsChecks': async () => ({ teamId: team.teamId }),
    'team.checkAwsAccess': async () => ({ teamId: team.teamId }),
    'team.updateSettings': async () => ({
      teamId: team.teamId,
      iamRoleArn: 'arn:aws:iam::123456789012:role/cairn-team',
      iamExternalId: null,
      awsRegion: 'us-east-1',
      permissionBoundaryNote: null,
    }),
    'member.list': async () => ({ teamId: team.teamId }),
    'member.add': async () => ({ teamId: team.teamId, email: (await makeUser(db)).email, role: 'VIEWER' }),
    'member.updateRole': async () => ({ teamId: team.teamId, userId: team.viewer.id, role: 'VIEWER' }),
    'member.remove': async () => {
      const user = await makeUser(db, [{ teamId: team.teamId, role: 'VIEWER' }]);
      return { teamId: team.teamId, userId: user.id };
    },
    'project.list': async () => ({ teamId: team.teamId }),
    'project.byId': async () => ({ teamId: team.teamId, projectId: team.projectId }),
    'project.create': async () => ({ teamId: team.teamId, name: `P ${crypto.randomUUID()}` }),
    'project.setArchived': async () => ({
      teamId: team.teamId,
      projectId: team.projectId,
      isArchived: false,
    }),
    'modelGroup.list': async () => ({ teamId: team.teamId, projectId: team.projectId }),
    'modelGroup.create': async () => ({
      teamId: team.teamId,
      projectId: team.projectId,
      name: `g-${crypto.randomUUID()}`,
    }),
    'modelVersion.register': async () => ({
      ...(await makeModelVersionInputs()),
      artifactUri: 's3://cairn-artifacts/model.tar.gz',
      inferenceImageUri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/scorer:1',
      framework: 'OTHER',
    }),
    'modelVersion.list': async () => {
      const { modelGroupId } = await makeModelVersionInputs();
      return { teamId: team.teamId, projectId: team.projectId, modelGroupId };
    },
    'modelVersion.byId': async () => {
      const inputs = await makeModelVersionInputs();
      const version = await db.modelVersion.create({
        data: {
          ...inputs,
          version: 1,
          artifactUri: 's3://cairn-artifacts/model.tar.gz',
          inferenceImageUri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/scorer:1',
          framework: 'OTHER',
        },
      });
      return { teamId: team.teamId, projectId: team.projectId, id: version.id };
    },
    'approvalPolicy.get': async () => ({ teamId: team.teamId, projectId: team.projectId }),
    'approvalPolicy.update': async () => ({
      teamId: team.teamId,
      projectId: team.projectId,
      policy: { requiredApprovals: 2, metricGates: [{ metric: 'auc', op: '>=', threshold: 0.8 }] },
    }),
    'approval.request': async () => ({
      teamId: team.teamId,
      projectId: team.projectId,
      modelVersionId: (await makeModelVersion()).id,
      environment: 'STAGING',
    }),
    'approval.decide': async () => ({
      teamId: team.teamId,
      requestId: (await makeApprovalRequest()).request.id,
      decision: 'APPROVE',
    }),
    'approval.desk': async () => undefined,
    'approval.byId': async () => ({
      teamId: team.teamId,
      requestId: (await makeApprovalRequest()).request.id,
    }),
    'approval.listForVersion': async () => ({
      teamId: team.teamId,
      modelVersionId: (await makeApprovalRequest()).version.id,
    }),
    'modelVersion.timeline': async () => ({
      teamId: team.teamId,
      modelVersionId: (await makeModelVersion()).id,
    }),
    'modelVersion.updateArtifact': async () => ({
      teamId: team.teamId,
      projectId: team.projectId,
      modelVersionId: (await makeModelVersion()).id,
      artifactUri: 's3://cairn-artifacts/model-v2.tar.gz',
      inferenceImageUri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/scorer:2',
    }),
    'pipeline.setRelease': async () => {
      const pipeline = await db.pipeline.create({
        data: {
          teamId: team.teamId,
          projectId: team.projectId,
          kind: 'CODEPIPELINE',
          awsPipelineName: `p-${crypto.randomUUID()}`,
        },
      });
      return { teamId: team.teamId, pipelineId: pipeline.id, startOnApproval: true };
    },
    'pipeline.runsForVersion': async () => ({
      teamId: team.teamId,
      modelVersionId: (await makeModelVersion()).id,
    }),
    'pipeline.answerApproval': async () => {
      const pipeline = await db.pipeline.create({
        data: {
          teamId: team.teamId,
          projectId: team.projectId,
          kind: 'CODEPIPELINE',
          awsPipelineName: `p-${crypto.randomUUID()}`,
        },
      });
      const run = await db.pipelineRun.create({
        data: {
          pipelineId: pipeline.id,
          teamId: team.teamId,
          status: 'RUNNING',
          waitingApproval: {
            stageName: 'Approval',
            actionName: 'ApproveRelease',
            token: crypto.randomUUID(),
            since: new Date().toISOString(),
          },
        },
      });
      return { teamId: team.teamId, runId: run.id, decision: 'Approved', summary: '' };
    },
    'environment.list': async () => ({ teamId: team.teamId, projectId: team.projectId }),
    'environment.update': async () => ({
      teamId: team.teamId,
      projectId: team.projectId,
      name: 'STAGING',
      region: 'eu-west-1',
      roleArnOverride: '',
    }),
    'deployment.list': async () => ({ teamId: team.teamId, projectId: team.projectId }),
    'deployment.byId': async () => ({ teamId: team.teamId, deploymentId: (await makeDeployment()).id }),
    'deployment.preview': async () => ({
      teamId: team.teamId,
      projectId: team.projectId,
      spec: realtimeSpec((await makeModelVersion()).id),
    }),
    'deployment.create': async () => {
      const version = await db.modelVersion.update({
        where: { id: (await makeModelVersion()).id },
        data: { awsStatus: 'READY', awsArn: 'arn:aws:sagemaker:us-east-1:111122223333:model-package/g/2' },
      });
      return { teamId: team.teamId, projectId: team.projectId, spec: realtimeSpec(version.id) };
    },
    'deployment.rollback': async () => {
      const previous = await makeDeployment();
      await db.deployment.update({
        where: { id: previous.id },
        data: { status: 'SUPERSEDED', endpointConfigName: `cairn-epc-${previous.id.replaceAll('-', '')}` },
      });
      const current = await makeDeployment();
      await db.deployment.update({ where: { id: current.id }, data: { previousDeploymentId: previous.id } });
      return { teamId: team.teamId, deploymentId: current.id, reason: 'p99 latency doubled' };
    },
    'deployment.shadowComparison': async () => ({
      teamId: team.teamId,
      deploymentId: (await makeShadowDeployment()).id,
      range: '24h',
    }),
    'deployment.endShadow': async () => ({
      teamId: team.teamId,
      deploymentId: (await makeShadowDeployment()).id,
      reason: 'the shadow matches production',
    }),
    'deployment.delete': async () => {
      const deployment = await makeDeployment();
      return {
        teamId: team.teamId,
        deploymentId: deployment.id,
        reason: 'no longer needed',
        confirmName: deployment.awsResourceName,
      };
    },
    'monitoring.metrics': async () => ({
      teamId: team.teamId,
      deploymentId: (await makeDeployment()).id,
      range: '1h',
    }),
    'monitoring.alerts': async () => ({ teamId: team.teamId, projectId: team.projectId }),
    'monitoring.openAlertSummary': async () => ({}),
    'monitoring.acknowledge': async () => ({
      teamId: team.teamId,
      alertId: (await makeFiringAlert()).id,
      note: 'looking into it',
    }),
    'monitoring.rules': async () => ({ teamId: team.teamId, projectId: team.projectId }),
    'monitoring.createRule': async () => ({
      teamId: team.teamId,
      projectId: team.projectId,
      name: 'CPU hot',
      metric: 'cpu_utilization',
      statistic: 'Average',
      comparator: 'GREATER_THAN',
      threshold: 80,
      windowMinutes: 10,
      evaluationPeriods: 2,
      severity: 'WARNING',
    }),
    'monitoring.updateRule': async () => ({
      teamId: team.teamId,
      ruleId: (await makeAlertRule()).id,
      threshold: 2,
    }),
    'monitoring.deleteRule': async () => ({ teamId: team.teamId, ruleId: (await makeAlertRule()).id }),
    'notification.list': async () => undefined,
    'notification.markRead': async () => ({}),
    'webhook.get': async () => ({ teamId: team.teamId, projectId: team.projectId }),
    'webhook.save': async () => ({
      teamId: team.teamId,
      projectId: team.projectId,
      url: 'https://hooks.example.com/cairn',
      events: ['model_version.approved'],
    }),
    'webhook.rotateSecret': makeProjectWithWebhook,
    'webhook.delete': makeProjectWithWebhook,
    'pipeline.list': async () => ({ teamId: team.teamId, projectId: team.projectId }),
    'pipeline.register': async () => ({
      teamId: team.teamId,
      projectId: team.projectId,
      kind: 'CODEPIPELINE',
      awsPipelineName: `cairn-release-${crypto.randomUUID()}`,
    }),
    'pipeline.start': async () => {
      const pipeline = await db.pipeline.create({
        data: {
          teamId: team.teamId,
          projectId: team.projectId,
          kind: 'CODEPIPELINE',
          awsPipelineName: `p-${crypto.randomUUID()}`,
        },
      });
      return { teamId: team.teamId, pipelineId: pipeline.id };
    },
    'token.list': async () => ({ teamId: team.teamId, projectId: team.projectId }),
    'token.create': async () => ({ teamId: team.teamId, projectId: team.projectId, name: 'ci' }),
    'token.revoke': async () => {
      const token = await db.apiToken.create({
        data: {
          teamId: team.teamId,
          projectId: team.projectId,
          name: 'x',
          prefix: crypto.randomUUID().slice(0, 8),
          secretHash: 'x',
          createdById: team.engineer.id,
          expiresAt: new Date(Date.now() + 86_400_000),
        },
      });
      return { teamId: team.teamId, tokenId: token.id };
    },
    'audit.list': async () => ({ teamId: team.teamId }),
    'audit.verify': async () => undefined,
    'budget.list': async () => ({ teamId: team.teamId }),
    'budget.save': async () => ({ teamId: team.teamId, projectId: null, monthlyUsd: 2500 }),
    'budget.delete': async () => ({ teamId: team.teamId, budgetId: (await makeBudget()).id }),
    'cost.team': async () => ({ teamId: team.teamId }),
    'cost.overview': async () => ({}),
    'cost.recompute': async () => ({ from: '2026-01-01', to: '2026-01-02' }),
    'user.list': async () => undefined,
    'ops.queues': async () => undefined,
    'ops.failedJobs': async () => ({}),
    'ops.retryJob': async () => {
      await queue.createQueue('test.fails', { retryLimit: 0 });
      const jobId = (await queue.send('test.fails', {})) ?? '';
      await queue.fetch('test.fails');
      await queue.fail('test.fails', jobId, { message: 'failed for the matrix' });
      return { queue: 'test.fails', jobId };
    },
    'user.setDisabled': async () => ({ userId: (await makeUser(db)).id, isDisabled: false }),
    'experiment.list': async () => ({ teamId: team.teamId, projectId: team.projectId }),
    'experiment.byId': async () => ({ teamId: team.teamId, experimentId: (await makeExperiment()).id }),
    'experiment.create': async () => ({
      teamId: team.teamId,
      projectId: team.projectId,
      name: `e-${crypto.randomUUID()}`,
    }),
    'experiment.rename': async () => ({
      teamId: team.teamId,
      experimentId: (await makeExperiment()).id,
      newName: `e-${crypto.randomUUID()}`,
    }),
    'experiment.delete': async () => ({ teamId: team.teamId, experimentId: (await makeExperiment()).id }),
    'experiment.restore': async () => ({
      teamId: team.teamId,
      experimentId: (await makeExperiment({ isDeleted: true })).id,
    }),
    'experiment.setTag': async () => ({
      teamId: team.teamId,
      experimentId: (await makeExperiment()).id,
      key: 'owner',
      value: 'risk',
    }),
    'run.search': async () => ({ teamId: team.teamId, experimentIds: [(await makeRun()).experimentId] }),
    'run.byId': async () => ({ teamId: team.teamId, runId: (await makeRun()).id }),
    'run.update': async () => ({ teamId: team.teamId, runId: (await makeRun()).id, status: 'FINISHED' }),
    'run.delete': async () => ({ teamId: team.teamId, runId: (await makeRun()).id }),
    'run.restore': async () => ({ teamId: team.teamId, runId: (await makeRun()).id }),
    'run.logBatch': async () => ({
      teamId: team.teamId,
      runId: (await makeRun()).id,
      metrics: [{ key: 'loss', value: 0.5, timestamp: Date.now(), step: 0 }],
      params: [{ key: 'lr', value: '0.1' }],
    }),
    'run.metricSeries': async () => ({ teamId: team.teamId, runIds: [(await makeRun()).id] }),
    'run.metricHistory': async () => ({ teamId: team.teamId, runId: (await makeRun()).id, key: 'loss' }),
    'run.metricKeys': async () => ({ teamId: team.teamId, experimentId: (await makeRun()).experimentId }),
    'run.compare': async () => ({
      teamId: team.teamId,
      runIds: [(await makeRun()).id, (await makeRun()).id],
    }),
  };
}

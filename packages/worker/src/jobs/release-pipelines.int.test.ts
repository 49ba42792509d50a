import { ListPipelineParametersForExecutionCommand } from '@aws-sdk/client-sagemaker';
import { sageMaker } from '@cairn/aws-sim/testing/sim-clients';
import { enqueueJob } from '@cairn/services/jobs/enqueue-job';
import { answerPipelineApprovalJob, startPipelineRunJob } from '@cairn/services/jobs/job-contracts';
import { makeTeam, type TestTeam } from '@cairn/services/testing/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkerTestStack, type WorkerTestStack } from '../testing/worker-test-stack';

let stack: WorkerTestStack;
let t: WorkerTestStack['t'];
let sim: WorkerTestStack['sim'];
let producer: WorkerTestStack['producer'];

beforeAll(async () => {
  stack = await startWorkerTestStack({
    // The approval is reached after 50 ms, a plain run takes 300 ms.
    simTimeScale: 0.01,
    reconcile: { firstPollSeconds: 1, maxPollSeconds: 1, timeLimitSeconds: 120 },
    batchSize: 5,
    localConcurrency: 2,
  });
  ({ t, sim, producer } = stack);
});
afterAll(() => stack.stop());

interface Waiting {
  stageName: string;
  actionName: string;
  token: string;
  since: string;
}

async function teamWithRole() {
  const team = await makeTeam(t.db);
  await t.db.team.update({
    where: { id: team.teamId },
    data: { iamRoleArn: 'arn:aws:iam::210987654321:role/cairn-team-release' },
  });
  return team;
}

/** A registered version of a model, as far as a release run needs one. */
async function modelVersion(team: TestTeam) {
  const experiment = await t.db.experiment.create({
    data: { teamId: team.teamId, projectId: team.projectId, name: 'training' },
  });
  const run = await t.db.run.create({
    data: {
      teamId: team.teamId,
      projectId: team.projectId,
      experimentId: experiment.id,
      name: 'calm-fox',
      status: 'FINISHED',
      startTime: new Date(),
    },
  });
  const group = await t.db.modelGroup.create({
    data: {
      teamId: team.teamId,
      projectId: team.projectId,
      name: 'card-fraud',
      awsName: `cairn-mpg-${crypto.randomUUID()}`,
    },
  });
  return t.db.modelVersion.create({
    data: {
      teamId: team.teamId,
      projectId: team.projectId,
      modelGroupId: group.id,
      version: 3,
      runId: run.id,
      artifactUri: 's3://cairn-artifacts/calm-fox/model.tar.gz',
      inferenceImageUri: '210987654321.dkr.ecr.us-east-1.amazonaws.com/scorer:1.0.0',
      framework: 'SKLEARN',
      approvalStatus: 'APPROVED',
    },
  });
}

async function startRun(
  team: TestTeam,
  kind: 'CODEPIPELINE' | 'SAGEMAKER',
  awsPipelineName: string,
  options: { variables?: Record<string, string>; modelVersionId?: string } = {},
) {
  const pipeline = await t.db.pipeline.create({
    data: { teamId: team.teamId, projectId: team.projectId, kind, awsPipelineName, startOnApproval: true },
  });
  return t.db.$transaction(async (tx) => {
    const run = await tx.pipelineRun.create({
      data: {
        pipelineId: pipeline.id,
        teamId: team.teamId,
        requestedById: team.engineer.id,
        variables: options.variables ?? {},
        modelVersionId: options.modelVersionId ?? null,
      },
    });
    await enqueueJob(tx, producer, startPipelineRunJob, {
      teamId: team.teamId,
      runId: run.id,
      requestedByUserId: team.engineer.id,
      requestedByLabel: team.engineer.email,
    });
    return run;
  });
}

async function waitFor<T>(read: () => Promise<T>, isDone: (value: T) => boolean, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (isDone(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const readRun = (id: string) => () => t.db.pipelineRun.findUniqueOrThrow({ where: { id } });
const isSettled = (run: { status: string }) => !['STARTING', 'RUNNING'].includes(run.status);

async function answer(team: TestTeam, runId: string, status: 'Approved' | 'Rejected', summary: string) {
  const run = await t.db.pipelineRun.findUniqueOrThrow({ where: { id: runId } });
  const waiting = run.waitingApproval as unknown as Waiting;
  await t.db.$transaction(async (tx) => {
    await tx.pipelineRun.update({
      where: { id: runId },
      data: {
        approvalAnswer: {
          stageName: waiting.stageName,
          actionName: waiting.actionName,
          token: waiting.token,
          status,
          summary,
          byUserId: team.approver.id,
        },
      },
    });
    await enqueueJob(tx, producer, answerPipelineApprovalJob, {
      teamId: team.teamId,
      runId,
      requestedByUserId: team.approver.id,
      requestedByLabel: team.approver.email,
    });
  });
}

describe('release pipelines', () => {
  it('starts a CodePipeline execution with the run’s variables, waits at its manual approval and goes on once Cairn approves', async () => {
    const team = await teamWithRole();
    const version = await modelVersion(team);
    await t.db.projectWebhook.create({
      data: {
        teamId: team.teamId,
        projectId: team.projectId,
        // Nothing listens there: only the recorded delivery matters here.
        url: 'http://127.0.0.1:9/hooks',
        secret: 'whsec_test',
        events: ['pipeline_run.finished'],
      },
    });
    const variables = {
      CAIRN_MODEL_PACKAGE_ARN: 'arn:aws:sagemaker:us-east-1:210987654321:model-package/card-fraud/3',
      CAIRN_MODEL_VERSION: '3',
      CAIRN_APPROVED_BY: 'ada@example.com,grace@example.com',
    };
    const run = await startRun(team, 'CODEPIPELINE', 'cairn-card-fraud-release-approval', {
      variables,
      modelVersionId: version.id,
    });

    const waiting = await waitFor(readRun(run.id), (current) => current.waitingApproval !== null);
    expect(waiting.status).toBe('RUNNING');
    expect(waiting.waitingApproval).toEqual({
      stageName: 'Approval',
      actionName: 'ApproveRelease',
      token: expect.stringMatching(/^[0-9a-f-]{36}$/),
      since: expect.any(String),
    });
    const { resources } = (await (
      await fetch(`${sim.url}/_sim/resources?type=codepipeline-execution`)
    ).json()) as { resources: { name: string; details: { variables: unknown } }[] };
    // jsonb keeps no key order, so neither do the variables sent.
    const sent = resources.find((resource) => resource.name === waiting.awsExecutionId)?.details.variables;
    expect(sent).toHaveLength(3);
    expect(sent).toEqual(
      expect.arrayContaining(Object.entries(variables).map(([name, value]) => ({ name, value }))),
    );
    // Still waiting a while later, and recorded once.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect((await readRun(run.id)()).status).toBe('RUNNING');
    await expect(
      t.db.auditEvent.count({ where: { resourceId: run.id, action: 'pipeline.recordWaitingApproval' } }),
    ).resolves.toBe(1);

    await answer(team, run.id, 'Approved', 'Approved in Cairn by Ada Lovelace');
    const done = await waitFor(readRun(run.id), isSettled);
    expect(done).toMatchObject({ status: 'SUCCEEDED', waitingApproval: null });
    expect(done.approvalAnswer).toMatchObject({
      status: 'Approved',
      sentAt: expect.any(String),
      isAlreadyAnswered: false,
    });
    const audit = await t.db.auditEvent.findMany({
      where: {
        resourceId: run.id,
        action: { in: ['pipeline.recordWaitingApproval', 'pipeline.recordApprovalAnswer'] },
      },
      orderBy: { seq: 'asc' },
    });
    expect(audit[0]).toMatchObject({
      action: 'pipeline.recordWaitingApproval',
      after: { stageName: 'Approval', actionName: 'ApproveRelease', since: expect.any(String) },
    });
    expect(audit.filter((event) => event.action === 'pipeline.recordApprovalAnswer')).toHaveLength(1);
    expect(JSON.stringify(audit.map((event) => event.after))).not.toContain(
      (waiting.waitingApproval as unknown as Waiting).token,
    );

    // Told in the app and through the project's webhook, once.
    const notifications = await t.db.notification.findMany({ where: { userId: team.engineer.id } });
    expect(notifications).toEqual([
      expect.objectContaining({
        kind: 'pipeline_run.finished',
        title: 'Pipeline cairn-card-fraud-release-approval succeeded',
        link: `/teams/${team.teamId}/projects/${team.projectId}/models/${version.id}`,
      }),
    ]);
    const deliveries = await t.db.webhookDelivery.findMany({ where: { teamId: team.teamId } });
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({ event: 'pipeline_run.finished' });
    expect((deliveries[0]?.payload as { data?: unknown } | undefined)?.data).toMatchObject({
      runId: run.id,
      pipeline: { name: 'cairn-card-fraud-release-approval', kind: 'CODEPIPELINE' },
      status: 'SUCCEEDED',
      modelVersionId: version.id,
    });

    // The answer sent again, as after a crash between PutApprovalResult and recording it.
    const {
      sentAt: _sentAt,
      isAlreadyAnswered: _already,
      ...unsent
    } = done.approvalAnswer as Record<string, unknown>;
    await t.db.$transaction(async (tx) => {
      await tx.pipelineRun.update({ where: { id: run.id }, data: { approvalAnswer: unsent as object } });
      await enqueueJob(tx, producer, answerPipelineApprovalJob, {
        teamId: team.teamId,
        runId: run.id,
        requestedByUserId: team.approver.id,
        requestedByLabel: team.approver.email,
      });
    });
    const replayed = await waitFor(
      readRun(run.id),
      (current) => (current.approvalAnswer as { sentAt?: string }).sentAt !== undefined,
      30_000,
    );
    expect(replayed.approvalAnswer).toMatchObject({ isAlreadyAnswered: true });
  }, 90_000);

  it('fails the run with the reviewer’s summary when Cairn rejects at the approval', async () => {
    const team = await teamWithRole();
    const run = await startRun(team, 'CODEPIPELINE', 'cairn-churn-release-approval');
    await waitFor(readRun(run.id), (current) => current.waitingApproval !== null);
    await answer(team, run.id, 'Rejected', 'Rejected in Cairn by Grace Hopper: drift on the holdout set');
    const done = await waitFor(readRun(run.id), isSettled);
    expect(done).toMatchObject({ status: 'FAILED', waitingApproval: null });
    expect(done.statusReason).toContain('drift on the holdout set');
    const [notification] = await t.db.notification.findMany({ where: { userId: team.engineer.id } });
    expect(notification).toMatchObject({
      title: 'Pipeline cairn-churn-release-approval failed',
      link: `/teams/${team.teamId}/projects/${team.projectId}`,
    });
  }, 90_000);

  it('starts a SageMaker pipeline with the run’s variables as its parameters', async () => {
    const team = await teamWithRole();
    const run = await startRun(team, 'SAGEMAKER', 'cairn-train-release', {
      variables: { CAIRN_MODEL_VERSION: '7', CAIRN_ENVIRONMENT: 'PROD' },
    });
    const started = await waitFor(readRun(run.id), (current) => current.awsExecutionId !== null);
    const { PipelineParameters } = await sageMaker(sim).send(
      new ListPipelineParametersForExecutionCommand({
        PipelineExecutionArn: started.awsExecutionId as string,
      }),
    );
    expect(PipelineParameters).toHaveLength(2);
    expect(PipelineParameters).toEqual(
      expect.arrayContaining([
        { Name: 'CAIRN_MODEL_VERSION', Value: '7' },
        { Name: 'CAIRN_ENVIRONMENT', Value: 'PROD' },
      ]),
    );
    await expect(waitFor(readRun(run.id), isSettled)).resolves.toMatchObject({
      status: 'SUCCEEDED',
      waitingApproval: null,
    });
  }, 90_000);
});

import {
  DescribeEndpointConfigCommand,
  DescribeModelCommand,
  DescribeTransformJobCommand,
} from '@aws-sdk/client-sagemaker';
import { sageMaker } from '@cairn/aws-sim/testing/sim-clients';
import { deleteDeployment } from '@cairn/services/deployments/delete-deployment';
import { contextFor } from '@cairn/services/testing/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkerTestStack, type WorkerTestStack } from '../testing/worker-test-stack';
import {
  deploy,
  deploymentReaching,
  simAdmin,
  simResources,
  statusesOf,
  teamThatDeploys,
} from './deployment-test-support';

let stack: WorkerTestStack;
let t: WorkerTestStack['t'];

beforeAll(async () => {
  stack = await startWorkerTestStack({
    // Endpoints start in 3 s, transform jobs run for 3 s.
    simTimeScale: 0.1,
    reconcile: { firstPollSeconds: 1, maxPollSeconds: 1, timeLimitSeconds: 300 },
    batchSize: 10,
    localConcurrency: 4,
  });
  ({ t } = stack);
});
afterAll(() => stack.stop());

const compact = (id: string) => id.replaceAll('-', '');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const BATCH = {
  type: 'BATCH',
  environment: 'DEV',
  inputS3Uri: 's3://cairn-data/nightly/',
  outputS3Uri: 's3://cairn-scores/nightly/',
  instanceType: 'ml.m5.xlarge',
  instanceCount: 2,
  splitType: 'Line',
  batchStrategy: 'MultiRecord',
  joinSource: 'Input',
} as const;

describe.concurrent('deployment kinds', () => {
  it('runs a batch transform to SUCCEEDED with the split, assembly and join it was given', async () => {
    const { team, version } = await teamThatDeploys(t.db);
    const v1 = await version(1);
    const deployment = await deploy(stack, team, { ...BATCH, modelVersionId: v1.id });
    const done = await deploymentReaching(t.db, deployment.id, ['SUCCEEDED', 'FAILED']);
    expect(done).toMatchObject({ status: 'SUCCEEDED', endedAt: expect.any(Date) });
    expect(statusesOf(done.events)).toEqual(['PENDING', 'CREATING', 'SUCCEEDED']);
    const job = await sageMaker(stack.sim).send(
      new DescribeTransformJobCommand({ TransformJobName: deployment.awsResourceName }),
    );
    expect(job).toMatchObject({
      ModelName: `cairn-mdl-${compact(deployment.id)}`,
      TransformInput: {
        SplitType: 'Line',
        DataSource: { S3DataSource: { S3Uri: 's3://cairn-data/nightly/' } },
      },
      TransformOutput: { S3OutputPath: 's3://cairn-scores/nightly/', AssembleWith: 'Line' },
      TransformResources: { InstanceType: 'ml.m5.xlarge', InstanceCount: 2 },
      BatchStrategy: 'MultiRecord',
      DataProcessing: { JoinSource: 'Input' },
    });
  });

  it('stops a running batch transform when it is deleted', async () => {
    const { team, version } = await teamThatDeploys(t.db);
    const v1 = await version(1);
    const deployment = await deploy(stack, team, { ...BATCH, modelVersionId: v1.id });
    await deploymentReaching(t.db, deployment.id, ['CREATING']);
    await deleteDeployment(
      { ...contextFor(t.db, team.engineer), queue: stack.producer },
      {
        teamId: team.teamId,
        deploymentId: deployment.id,
        reason: 'wrong input prefix',
        confirmName: deployment.awsResourceName,
      },
    );
    const deleted = await deploymentReaching(t.db, deployment.id, ['DELETED']);
    expect(deleted.status).toBe('DELETED');
    const [job] = await simResources(stack, 'transform-job', deployment.awsResourceName);
    expect(job?.status).toBe('Stopped');
  });

  it('creates a serverless endpoint with provisioned concurrency in the environment’s region, under its role override', async () => {
    const { team, version } = await teamThatDeploys(t.db);
    const overrideRole = 'arn:aws:iam::333333333333:role/cairn-dev-account';
    await t.db.environment.update({
      where: { projectId_name: { projectId: team.projectId, name: 'DEV' } },
      data: { region: 'eu-west-1', roleArnOverride: overrideRole },
    });
    const v1 = await version(1);
    const deployment = await deploy(stack, team, {
      type: 'SERVERLESS',
      environment: 'DEV',
      modelVersionId: v1.id,
      memorySizeMb: 2048,
      maxConcurrency: 10,
      provisionedConcurrency: 2,
    });
    const done = await deploymentReaching(t.db, deployment.id, ['IN_SERVICE', 'FAILED']);
    expect(done.status).toBe('IN_SERVICE');
    expect(done.awsResourceArn).toMatch(/^arn:aws:sagemaker:eu-west-1:333333333333:endpoint\//);
    const [endpoint] = await simResources(stack, 'endpoint', deployment.awsResourceName);
    expect(endpoint?.createdBy.roleArn).toBe(overrideRole);
    const config = await sageMaker(stack.sim).send(
      new DescribeEndpointConfigCommand({ EndpointConfigName: done.endpointConfigName ?? '' }),
    );
    expect(config.ProductionVariants).toEqual([
      {
        VariantName: 'primary',
        ModelName: `cairn-mdl-${compact(deployment.id)}`,
        ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 10, ProvisionedConcurrency: 2 },
      },
    ]);
    const model = await sageMaker(stack.sim).send(
      new DescribeModelCommand({ ModelName: `cairn-mdl-${compact(deployment.id)}` }),
    );
    expect(model).toMatchObject({
      ExecutionRoleArn: overrideRole,
      PrimaryContainer: { Image: v1.inferenceImageUri, ModelDataUrl: v1.artifactUri },
    });
  });

  it('creates an asynchronous endpoint with its output and failure paths', async () => {
    const { team, version } = await teamThatDeploys(t.db);
    const v1 = await version(1);
    const deployment = await deploy(stack, team, {
      type: 'ASYNC',
      environment: 'DEV',
      modelVersionId: v1.id,
      instanceType: 'ml.m5.large',
      initialInstanceCount: 1,
      outputS3Uri: 's3://cairn-outputs/video/',
      failureS3Uri: 's3://cairn-outputs/video-failed/',
      maxConcurrentInvocationsPerInstance: 4,
    });
    const done = await deploymentReaching(t.db, deployment.id, ['IN_SERVICE', 'FAILED']);
    expect(done.status).toBe('IN_SERVICE');
    const config = await sageMaker(stack.sim).send(
      new DescribeEndpointConfigCommand({ EndpointConfigName: done.endpointConfigName ?? '' }),
    );
    expect(config.AsyncInferenceConfig).toEqual({
      OutputConfig: {
        S3OutputPath: 's3://cairn-outputs/video/',
        S3FailurePath: 's3://cairn-outputs/video-failed/',
      },
      ClientConfig: { MaxConcurrentInvocationsPerInstance: 4 },
    });
  });

  it('adopts what a crashed rollout made, and a replayed job changes nothing', async () => {
    const { team, version } = await teamThatDeploys(t.db);
    const v1 = await version(1);
    const deployment = await deploy(stack, team, {
      type: 'REALTIME',
      environment: 'DEV',
      modelVersionId: v1.id,
      instanceType: 'ml.m5.large',
      initialInstanceCount: 1,
    });
    await deploymentReaching(t.db, deployment.id, ['CREATING']);
    // As if the worker died after its AWS calls and before recording them: the job runs again.
    await t.db.deployment.update({ where: { id: deployment.id }, data: { status: 'PENDING' } });
    const payload = {
      teamId: team.teamId,
      deploymentId: deployment.id,
      requestedByUserId: team.engineer.id,
      requestedByLabel: team.engineer.email,
    };
    await stack.worker.send('deployment.rollout', payload);
    const done = await deploymentReaching(t.db, deployment.id, ['IN_SERVICE', 'FAILED']);
    expect(done.status).toBe('IN_SERVICE');
    for (const [type, name] of [
      ['model', `cairn-mdl-${compact(deployment.id)}`],
      ['endpoint-config', `cairn-epc-${compact(deployment.id)}`],
      ['endpoint', deployment.awsResourceName],
    ] as const) {
      expect(await simResources(stack, type, name)).toHaveLength(1);
    }
    const { requests } = (await simAdmin(
      stack,
      'GET',
      '/_sim/requests?operation=CreateEndpoint&isError=true',
    )) as {
      requests: { errorMessage?: string }[];
    };
    expect(
      requests.filter((request) => request.errorMessage?.includes(deployment.awsResourceName)),
    ).toHaveLength(1);

    const recorded = () =>
      t.db.auditEvent.count({ where: { action: 'deployment.recordState', resourceId: deployment.id } });
    const before = await recorded();
    const events = done.events.length;
    await stack.worker.send('deployment.rollout', payload);
    await stack.worker.send('deployment.reconcile', {
      ...payload,
      giveUpAt: new Date(Date.now() + 60_000).toISOString(),
    });
    await sleep(3_000);
    expect(await recorded()).toBe(before);
    expect(await t.db.deploymentEvent.count({ where: { deploymentId: deployment.id } })).toBe(events);
  });

  it('records a new endpoint that never starts as FAILED with SageMaker’s reason, and tells the engineer', async () => {
    const { team, version } = await teamThatDeploys(t.db);
    const broken = await version(1, '210987654321.dkr.ecr.us-east-1.amazonaws.com/scorer:fail');
    const deployment = await deploy(stack, team, {
      type: 'REALTIME',
      environment: 'DEV',
      modelVersionId: broken.id,
      instanceType: 'ml.m5.large',
      initialInstanceCount: 1,
    });
    const done = await deploymentReaching(t.db, deployment.id, ['FAILED', 'IN_SERVICE']);
    expect(done).toMatchObject({ status: 'FAILED', endedAt: expect.any(Date), inServiceAt: null });
    expect(done.statusReason).toContain('ping health check');
    expect(statusesOf(done.events)).toEqual(['PENDING', 'CREATING', 'FAILED']);
    const notes = await t.db.notification.findMany({ where: { userId: team.engineer.id } });
    expect(notes).toMatchObject([{ kind: 'deployment.failed', title: 'card-fraud v1 in dev failed' }]);
  });

  it('gives up at giveUpAt and says it timed out', async () => {
    const { team, version } = await teamThatDeploys(t.db);
    const v1 = await version(1);
    const environment = await t.db.environment.findUniqueOrThrow({
      where: { projectId_name: { projectId: team.projectId, name: 'DEV' } },
    });
    const id = crypto.randomUUID();
    await t.db.deployment.create({
      data: {
        id,
        teamId: team.teamId,
        projectId: team.projectId,
        environmentId: environment.id,
        modelVersionId: v1.id,
        type: 'REALTIME',
        spec: {
          type: 'REALTIME',
          environment: 'DEV',
          modelVersionId: v1.id,
          instanceType: 'ml.m5.large',
          initialInstanceCount: 1,
        },
        status: 'CREATING',
        awsResourceName: `cairn-ep-${compact(id)}`,
        predictedMonthlyUsd: 100,
        createdById: team.engineer.id,
      },
    });
    await stack.worker.send('deployment.reconcile', {
      teamId: team.teamId,
      deploymentId: id,
      requestedByUserId: team.engineer.id,
      requestedByLabel: team.engineer.email,
      giveUpAt: new Date(Date.now() - 1_000).toISOString(),
    });
    const done = await deploymentReaching(t.db, id, ['FAILED']);
    expect(done).toMatchObject({ status: 'FAILED', endedAt: expect.any(Date) });
    expect(done.statusReason).toMatch(/^timed out: /);
  });
});

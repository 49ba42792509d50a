import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  EXECUTION_ROLE_ARN,
  IMAGE,
  type SimTeam,
  startSimTeam,
  TEAM_ROLE_ARN,
  waitFor,
} from '../testing/sim-team';
import { getPipelineExecution, startPipelineExecution } from './codepipeline';
import { createModel } from './sagemaker-endpoints';
import {
  createTransformJob,
  describeSageMakerPipelineExecution,
  describeTransformJob,
  startSageMakerPipelineExecution,
} from './sagemaker-jobs';
import {
  createModelPackage,
  createModelPackageGroup,
  describeModelPackage,
  updateModelPackageApproval,
} from './sagemaker-registry';
import { getCallerIdentity } from './sts';

let team: SimTeam;
beforeAll(async () => {
  team = await startSimTeam();
});
afterAll(() => team.close());
beforeEach(() => {
  team.calls.length = 0;
});

const sagemaker = () => ({ client: team.clients.sagemaker, call: team.call });
const codepipeline = () => ({ client: team.clients.codepipeline, call: team.call });
const operations = () => team.calls.map((call) => call.operation);

describe('model registry adapters', () => {
  it('creates a group once (a retry adopts it) and one version per model version id', async () => {
    const modelGroupId = crypto.randomUUID();
    const group = await createModelPackageGroup(sagemaker(), { modelGroupId, description: 'Fraud scoring' });
    const again = await createModelPackageGroup(sagemaker(), { modelGroupId, description: 'Fraud scoring' });
    expect(group.isAdopted).toBe(false);
    expect(again).toEqual({ ...group, isAdopted: true });
    expect(operations()).toEqual([
      'CreateModelPackageGroup',
      'CreateModelPackageGroup',
      'DescribeModelPackageGroup',
    ]);

    const version = {
      modelVersionId: crypto.randomUUID(),
      modelPackageGroupName: group.modelPackageGroupName,
      image: IMAGE,
      modelDataUrl: 's3://models/fraud/v1/model.tar.gz',
      approvalStatus: 'PendingManualApproval' as const,
      contentTypes: ['text/csv'],
      responseMimeTypes: ['text/csv'],
      customerMetadata: { run: 'run-42' },
    };
    const first = await createModelPackage(sagemaker(), version);
    const retried = await createModelPackage(sagemaker(), version);
    expect(retried.modelPackageArn).toBe(first.modelPackageArn);
    const second = await createModelPackage(sagemaker(), { ...version, modelVersionId: crypto.randomUUID() });
    expect(second.modelPackageArn).not.toBe(first.modelPackageArn);

    await updateModelPackageApproval(sagemaker(), {
      modelPackageArn: first.modelPackageArn,
      approvalStatus: 'Approved',
      approvalDescription: 'Approved by 2 approvers in Cairn',
    });
    await expect(describeModelPackage(sagemaker(), first.modelPackageArn)).resolves.toMatchObject({
      modelPackageArn: first.modelPackageArn,
      modelPackageGroupName: group.modelPackageGroupName,
      version: 1,
      approvalStatus: 'Approved',
    });
  });
});

describe('batch transform adapters', () => {
  it('starts a transform job once; a retry adopts it; it completes', async () => {
    const model = await createModel(sagemaker(), {
      modelId: crypto.randomUUID(),
      image: IMAGE,
      executionRoleArn: EXECUTION_ROLE_ARN,
    });
    const input = {
      transformJobId: crypto.randomUUID(),
      modelName: model.modelName,
      inputS3Uri: 's3://data/fraud/batch/',
      outputS3Uri: 's3://data/fraud/out/',
      instanceType: 'ml.m5.large',
      instanceCount: 1,
      contentType: 'text/csv',
      splitType: 'Line' as const,
    };
    const first = await createTransformJob(sagemaker(), input);
    const retried = await createTransformJob(sagemaker(), input);
    expect(first.isAdopted).toBe(false);
    expect(retried).toEqual({ ...first, isAdopted: true });
    const done = await waitFor(
      () => describeTransformJob(sagemaker(), first.transformJobName),
      (state) => state?.status === 'Completed' || state?.status === 'Failed',
    );
    expect(done).toMatchObject({ status: 'Completed', failureReason: null });
    await expect(describeTransformJob(sagemaker(), 'cairn-tj-missing')).resolves.toBeNull();
  });
});

describe('pipeline adapters', () => {
  it('starts a SageMaker pipeline once per execution id and attempt', async () => {
    const input = {
      pipelineName: 'cairn-train-fraud',
      executionId: crypto.randomUUID(),
      parameters: { Epochs: '3' },
    };
    const first = await startSageMakerPipelineExecution(sagemaker(), input);
    const retried = await startSageMakerPipelineExecution(sagemaker(), input);
    expect(retried.pipelineExecutionArn).toBe(first.pipelineExecutionArn);
    const rerun = await startSageMakerPipelineExecution(sagemaker(), { ...input, attempt: 1 });
    expect(rerun.pipelineExecutionArn).not.toBe(first.pipelineExecutionArn);
    const done = await waitFor(
      () => describeSageMakerPipelineExecution(sagemaker(), first.pipelineExecutionArn),
      (state) => state?.status !== 'Executing',
    );
    expect(done).toMatchObject({ status: 'Succeeded', failureReason: null });
  });

  it('starts a CodePipeline execution with variables once per execution id', async () => {
    const input = {
      pipelineName: 'cairn-release-fraud',
      executionId: crypto.randomUUID(),
      variables: { MODEL_PACKAGE_ARN: 'arn:aws:sagemaker:eu-west-1:123456789012:model-package/x/1' },
    };
    const first = await startPipelineExecution(codepipeline(), input);
    const retried = await startPipelineExecution(codepipeline(), input);
    expect(retried.pipelineExecutionId).toBe(first.pipelineExecutionId);
    const done = await waitFor(
      () => getPipelineExecution(codepipeline(), { pipelineName: input.pipelineName, ...first }),
      (state) => state?.status !== 'InProgress',
    );
    expect(done?.status).toBe('Succeeded');
    await expect(
      getPipelineExecution(codepipeline(), {
        pipelineName: input.pipelineName,
        pipelineExecutionId: crypto.randomUUID(),
      }),
    ).resolves.toBeNull();
  });
});

describe('sts adapter', () => {
  it("reports the team's assumed role as the caller", async () => {
    const identity = await getCallerIdentity({ client: team.clients.sts, call: team.call });
    expect(identity.account).toBe('123456789012');
    expect(identity.arn).toMatch(
      new RegExp(`^arn:aws:sts::123456789012:assumed-role/${TEAM_ROLE_ARN.split('/')[1]}/`),
    );
    expect(team.calls).toEqual([
      {
        service: 'sts',
        operation: 'GetCallerIdentity',
        resourceType: 'sts:caller-identity',
        resourceId: null,
      },
    ]);
  });
});

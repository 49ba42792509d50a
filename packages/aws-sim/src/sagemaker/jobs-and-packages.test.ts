import {
  CreateModelCommand,
  CreateModelPackageCommand,
  CreateModelPackageGroupCommand,
  CreateTransformJobCommand,
  DescribeModelPackageCommand,
  DescribeModelPackageGroupCommand,
  DescribePipelineExecutionCommand,
  DescribeTransformJobCommand,
  ListPipelineParametersForExecutionCommand,
  type SageMakerClient,
  StartPipelineExecutionCommand,
  UpdateModelPackageCommand,
} from '@aws-sdk/client-sagemaker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AwsSim, startAwsSim } from '../server';
import { admin, EXECUTION_ROLE_ARN, expectStatesInOrder, pollUntil, sageMaker } from '../testing/sim-clients';

let sim: AwsSim;
let client: SageMakerClient;

beforeAll(async () => {
  sim = await startAwsSim({ port: 0, timeScale: 0.005 });
  client = sageMaker(sim);
});
afterAll(() => sim.close());

const TOKEN = 'deployment-0b6f1c2e-7d4a-4a61-9d0e-3f1f7a0c9b11';

describe('model packages', () => {
  it('versions packages inside a group and updates their approval', async () => {
    const group = await client.send(
      new CreateModelPackageGroupCommand({
        ModelPackageGroupName: 'churn',
        ModelPackageGroupDescription: 'Churn',
      }),
    );
    expect(group.ModelPackageGroupArn).toBe(
      'arn:aws:sagemaker:us-east-1:000000000000:model-package-group/churn',
    );
    const described = await client.send(
      new DescribeModelPackageGroupCommand({ ModelPackageGroupName: 'churn' }),
    );
    expect(described).toMatchObject({
      ModelPackageGroupStatus: 'Completed',
      ModelPackageGroupDescription: 'Churn',
    });
    await expect(
      client.send(new CreateModelPackageGroupCommand({ ModelPackageGroupName: 'churn' })),
    ).rejects.toMatchObject({ name: 'ResourceInUse' });

    const spec = {
      Containers: [{ Image: 'repo/churn:1' }],
      SupportedContentTypes: ['text/csv'],
      SupportedResponseMIMETypes: ['text/csv'],
    };
    const first = await client.send(
      new CreateModelPackageCommand({
        ModelPackageGroupName: 'churn',
        InferenceSpecification: spec,
        ClientToken: 'v1',
      }),
    );
    const retried = await client.send(
      new CreateModelPackageCommand({
        ModelPackageGroupName: 'churn',
        InferenceSpecification: spec,
        ClientToken: 'v1',
      }),
    );
    const second = await client.send(
      new CreateModelPackageCommand({ ModelPackageGroupName: group.ModelPackageGroupArn, ClientToken: 'v2' }),
    );
    expect(first.ModelPackageArn).toBe('arn:aws:sagemaker:us-east-1:000000000000:model-package/churn/1');
    expect(retried.ModelPackageArn).toBe(first.ModelPackageArn);
    expect(second.ModelPackageArn).toMatch(/model-package\/churn\/2$/);

    const pending = await client.send(
      new DescribeModelPackageCommand({ ModelPackageName: first.ModelPackageArn }),
    );
    expect(pending).toMatchObject({
      ModelPackageVersion: 1,
      ModelApprovalStatus: 'PendingManualApproval',
      ModelPackageStatus: 'Completed',
    });
    expect(pending.InferenceSpecification?.Containers?.[0]?.Image).toBe('repo/churn:1');

    await client.send(
      new UpdateModelPackageCommand({
        ModelPackageArn: first.ModelPackageArn,
        ModelApprovalStatus: 'Approved',
        ApprovalDescription: 'ok',
      }),
    );
    const approved = await client.send(
      new DescribeModelPackageCommand({ ModelPackageName: first.ModelPackageArn }),
    );
    expect(approved).toMatchObject({ ModelApprovalStatus: 'Approved', ApprovalDescription: 'ok' });

    // A new artifact for the version goes back to pending approval with its new containers.
    await client.send(
      new UpdateModelPackageCommand({
        ModelPackageArn: first.ModelPackageArn,
        ModelApprovalStatus: 'PendingManualApproval',
        ApprovalDescription: 'New artifact; needs approval again',
        InferenceSpecification: {
          Containers: [{ Image: 'repo/churn:2', ModelDataUrl: 's3://models/churn/2/model.tar.gz' }],
        },
      }),
    );
    const replaced = await client.send(
      new DescribeModelPackageCommand({ ModelPackageName: first.ModelPackageArn }),
    );
    expect(replaced).toMatchObject({
      ModelApprovalStatus: 'PendingManualApproval',
      ApprovalDescription: 'New artifact; needs approval again',
      InferenceSpecification: {
        Containers: [{ Image: 'repo/churn:2', ModelDataUrl: 's3://models/churn/2/model.tar.gz' }],
      },
    });
    await expect(
      client.send(
        new UpdateModelPackageCommand({
          ModelPackageArn: first.ModelPackageArn,
          InferenceSpecification: { Containers: [{ Image: 'repo/churn:3', ModelDataUrl: 'ftp://x/model' }] },
        }),
      ),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('modelDataUrl'),
    });
  });

  it('rejects an unknown approval status and a package in a missing group', async () => {
    await expect(
      client.send(
        new CreateModelPackageCommand({
          ModelPackageGroupName: 'churn',
          ModelApprovalStatus: 'Maybe' as never,
        }),
      ),
    ).rejects.toMatchObject({
      message: expect.stringContaining('enum value set: [Approved, Rejected, PendingManualApproval]'),
    });
    await expect(
      client.send(new CreateModelPackageCommand({ ModelPackageGroupName: 'missing-group' })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('does not exist'),
    });
  });
});

describe('transform jobs', () => {
  it('goes InProgress -> Completed; a duplicate name is ResourceInUse', async () => {
    await client.send(
      new CreateModelCommand({
        ModelName: 'scorer',
        ExecutionRoleArn: EXECUTION_ROLE_ARN,
        PrimaryContainer: { Image: 'repo/scorer:1' },
      }),
    );
    const input = {
      TransformJobName: 'score-1',
      ModelName: 'scorer',
      TransformInput: {
        DataSource: { S3DataSource: { S3DataType: 'S3Prefix' as const, S3Uri: 's3://in/batch/' } },
      },
      TransformOutput: { S3OutputPath: 's3://out/batch/' },
      TransformResources: { InstanceType: 'ml.m5.xlarge' as const, InstanceCount: 1 },
    };
    const created = await client.send(new CreateTransformJobCommand(input));
    expect(created.TransformJobArn).toMatch(/:transform-job\/score-1$/);
    await expect(client.send(new CreateTransformJobCommand(input))).rejects.toMatchObject({
      name: 'ResourceInUse',
    });
    const { seen } = await pollUntil(
      async () =>
        (await client.send(new DescribeTransformJobCommand({ TransformJobName: 'score-1' })))
          .TransformJobStatus,
      (status) => status === 'Completed',
    );
    expectStatesInOrder(seen, ['InProgress', 'Completed']);
    await expect(
      client.send(new DescribeTransformJobCommand({ TransformJobName: 'score-2' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFound',
    });
  });
});

describe('pipeline executions', () => {
  it('Executing -> Succeeded, and the same client token returns the same execution', async () => {
    const start = () =>
      client.send(
        new StartPipelineExecutionCommand({
          PipelineName: 'cairn-train-churn',
          ClientRequestToken: TOKEN,
          PipelineParameters: [{ Name: 'ModelVersion', Value: '3' }],
        }),
      );
    const first = await start();
    const again = await start();
    expect(again.PipelineExecutionArn).toBe(first.PipelineExecutionArn);
    expect(first.PipelineExecutionArn).toMatch(/:pipeline\/cairn-train-churn\/execution\/[a-z0-9]{12}$/);
    const { body } = await admin(sim, 'GET', '/_sim/resources?type=pipeline-execution');
    const mine = (body.resources as { details: { clientRequestToken: string } }[]).filter(
      (resource) => resource.details.clientRequestToken === TOKEN,
    );
    expect(mine).toHaveLength(1);
    const { seen } = await pollUntil(
      async () =>
        (
          await client.send(
            new DescribePipelineExecutionCommand({ PipelineExecutionArn: first.PipelineExecutionArn }),
          )
        ).PipelineExecutionStatus,
      (status) => status === 'Succeeded',
    );
    expectStatesInOrder(seen, ['Executing', 'Succeeded']);
    const { PipelineParameters } = await client.send(
      new ListPipelineParametersForExecutionCommand({ PipelineExecutionArn: first.PipelineExecutionArn }),
    );
    expect(PipelineParameters).toEqual([{ Name: 'ModelVersion', Value: '3' }]);
  });

  it('fails by marker, needs seeded pipelines and a 32+ character token', async () => {
    await admin(sim, 'POST', '/_sim/pipelines', { name: 'legacy-train', service: 'sagemaker' });
    const { PipelineExecutionArn } = await client.send(
      new StartPipelineExecutionCommand({
        PipelineName: 'legacy-train',
        ClientRequestToken: TOKEN,
        PipelineParameters: [{ Name: 'Outcome', Value: 'fail' }],
      }),
    );
    const { last } = await pollUntil(
      async () =>
        (await client.send(new DescribePipelineExecutionCommand({ PipelineExecutionArn })))
          .PipelineExecutionStatus,
      (status) => status !== 'Executing',
    );
    expect(last).toBe('Failed');
    await expect(
      client.send(new StartPipelineExecutionCommand({ PipelineName: 'unknown', ClientRequestToken: TOKEN })),
    ).rejects.toMatchObject({ name: 'ResourceNotFound' });
    await expect(
      client.send(
        new StartPipelineExecutionCommand({ PipelineName: 'cairn-x', ClientRequestToken: 'short' }),
      ),
    ).rejects.toMatchObject({ message: expect.stringContaining("'clientRequestToken'") });
  });
});

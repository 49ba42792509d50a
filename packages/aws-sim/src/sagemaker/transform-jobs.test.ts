import {
  CreateModelCommand,
  CreateTransformJobCommand,
  type CreateTransformJobCommandInput,
  DescribeTransformJobCommand,
  type SageMakerClient,
  StopTransformJobCommand,
} from '@aws-sdk/client-sagemaker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AwsSim, startAwsSim } from '../server';
import { EXECUTION_ROLE_ARN, expectStatesInOrder, pollUntil, sageMaker } from '../testing/sim-clients';

let sim: AwsSim;
let client: SageMakerClient;

beforeAll(async () => {
  // A job takes 30 simulated seconds: 3 s here, so a stop lands while it runs.
  sim = await startAwsSim({ port: 0, timeScale: 0.1 });
  client = sageMaker(sim);
  await client.send(
    new CreateModelCommand({
      ModelName: 'nightly',
      ExecutionRoleArn: EXECUTION_ROLE_ARN,
      PrimaryContainer: { Image: 'repo/nightly:1' },
    }),
  );
});
afterAll(() => sim.close());

const job = (name: string, overrides: Partial<CreateTransformJobCommandInput> = {}) =>
  new CreateTransformJobCommand({
    TransformJobName: name,
    ModelName: 'nightly',
    TransformInput: {
      DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: 's3://in/records/' } },
      SplitType: 'Line',
    },
    TransformOutput: { S3OutputPath: 's3://out/scores/', AssembleWith: 'Line' },
    TransformResources: { InstanceType: 'ml.m5.xlarge', InstanceCount: 2 },
    MaxPayloadInMB: 6,
    BatchStrategy: 'MultiRecord',
    DataProcessing: { JoinSource: 'Input' },
    ...overrides,
  });

const statusOf = (name: string) => async () =>
  (await client.send(new DescribeTransformJobCommand({ TransformJobName: name }))).TransformJobStatus;

describe('transform jobs', () => {
  it('keeps what it was given and stops an InProgress job: Stopping, then Stopped', async () => {
    await client.send(job('stop-me'));
    const described = await client.send(new DescribeTransformJobCommand({ TransformJobName: 'stop-me' }));
    expect(described.TransformOutput?.AssembleWith).toBe('Line');
    expect(described.DataProcessing?.JoinSource).toBe('Input');
    await client.send(new StopTransformJobCommand({ TransformJobName: 'stop-me' }));
    await client.send(new StopTransformJobCommand({ TransformJobName: 'stop-me' }));
    const { seen } = await pollUntil(statusOf('stop-me'), (status) => status === 'Stopped', 10_000);
    expectStatesInOrder(seen, ['Stopping', 'Stopped']);
  });

  it('refuses to stop a job that does not exist or already ended', async () => {
    await expect(
      client.send(new StopTransformJobCommand({ TransformJobName: 'nope' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFound',
    });
    await client.send(job('done'));
    await pollUntil(statusOf('done'), (status) => status === 'Completed', 10_000);
    await expect(
      client.send(new StopTransformJobCommand({ TransformJobName: 'done' })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('cannot be stopped'),
    });
  });

  it('validates split type, assembly, join source and payload size', async () => {
    const error = await client
      .send(
        job('bad', {
          TransformInput: {
            DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: 's3://in/records/' } },
            SplitType: 'Paragraph' as never,
          },
          TransformOutput: { S3OutputPath: 's3://out/', AssembleWith: 'Comma' as never },
          DataProcessing: { JoinSource: 'Both' as never },
          MaxPayloadInMB: 101,
        }),
      )
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'ValidationException' });
    expect((error as Error).message).toMatch(
      /^4 validation errors detected: .*splitType.*assembleWith.*joinSource.*maxPayloadInMB/,
    );
  });
});

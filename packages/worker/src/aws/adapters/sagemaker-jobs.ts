import {
  CreateTransformJobCommand,
  DescribePipelineExecutionCommand,
  DescribeTransformJobCommand,
  type PipelineExecutionStatus,
  type SageMakerClient,
  StartPipelineExecutionCommand,
  StopTransformJobCommand,
  type TransformInstanceType,
  type TransformJobStatus,
} from '@aws-sdk/client-sagemaker';
import { awsResourceName, clientRequestToken } from '@cairn/core/aws-names';
import { type AdapterContext, createOrAdopt, orNullIfNotFound, required, toAwsTags } from './adapter-support';

type SageMaker = AdapterContext<SageMakerClient>;

const target = (operation: string, resourceType: string, resourceId: string) =>
  ({ service: 'sagemaker', operation, resourceType, resourceId }) as const;

export interface CreateTransformJobInput {
  /** The batch deployment's domain id. */
  transformJobId: string;
  modelName: string;
  inputS3Uri: string;
  outputS3Uri: string;
  instanceType: string;
  instanceCount: number;
  contentType?: string;
  splitType?: 'None' | 'Line' | 'RecordIO' | 'TFRecord';
  maxPayloadMb?: number;
  batchStrategy?: 'MultiRecord' | 'SingleRecord';
  /** 'Input' writes each input record beside its prediction. */
  joinSource?: 'None' | 'Input';
  maxConcurrentTransforms?: number;
  tags?: Record<string, string>;
}

export interface TransformJobState {
  transformJobName: string;
  transformJobArn: string;
  status: TransformJobStatus;
  failureReason: string | null;
}

async function describeJob(ctx: SageMaker, transformJobName: string): Promise<TransformJobState> {
  const output = await ctx.call(
    target('DescribeTransformJob', 'sagemaker:transform-job', transformJobName),
    () => ctx.client.send(new DescribeTransformJobCommand({ TransformJobName: transformJobName })),
  );
  return {
    transformJobName,
    transformJobArn: required(output.TransformJobArn, 'TransformJobArn'),
    status: required(output.TransformJobStatus, 'TransformJobStatus'),
    failureReason: output.FailureReason ?? null,
  };
}

/** CreateTransformJob under `cairn-tj-<id>`; adopts the job (ResourceInUse) a crashed attempt started. */
export function createTransformJob(ctx: SageMaker, input: CreateTransformJobInput) {
  const transformJobName = awsResourceName('transform-job', input.transformJobId);
  return createOrAdopt(
    async () => {
      const output = await ctx.call(
        target('CreateTransformJob', 'sagemaker:transform-job', transformJobName),
        () =>
          ctx.client.send(
            new CreateTransformJobCommand({
              TransformJobName: transformJobName,
              ModelName: input.modelName,
              TransformInput: {
                DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: input.inputS3Uri } },
                ContentType: input.contentType,
                SplitType: input.splitType,
              },
              // Split by line, the results come back one per line too, in the input's order.
              TransformOutput: {
                S3OutputPath: input.outputS3Uri,
                ...(input.splitType === 'Line' ? { AssembleWith: 'Line' as const } : {}),
              },
              TransformResources: {
                InstanceType: input.instanceType as TransformInstanceType,
                InstanceCount: input.instanceCount,
              },
              MaxPayloadInMB: input.maxPayloadMb,
              BatchStrategy: input.batchStrategy,
              MaxConcurrentTransforms: input.maxConcurrentTransforms,
              ...(input.joinSource === 'Input' ? { DataProcessing: { JoinSource: 'Input' as const } } : {}),
              Tags: toAwsTags(input.tags),
            }),
          ),
      );
      return { transformJobName, transformJobArn: required(output.TransformJobArn, 'TransformJobArn') };
    },
    async () => {
      const { transformJobArn } = await describeJob(ctx, transformJobName);
      return { transformJobName, transformJobArn };
    },
  );
}

/** DescribeTransformJob; null when no such job exists. */
export function describeTransformJob(ctx: SageMaker, transformJobName: string) {
  return orNullIfNotFound(() => describeJob(ctx, transformJobName));
}

/**
 * Stops a transform job that is still running; a job that already ended or never existed is left
 * as it is. Answers the job's state after the request (null when there is no such job).
 */
export async function stopTransformJob(ctx: SageMaker, transformJobName: string) {
  const job = await describeTransformJob(ctx, transformJobName);
  if (job?.status !== 'InProgress') return job;
  await ctx.call(target('StopTransformJob', 'sagemaker:transform-job', transformJobName), () =>
    ctx.client.send(new StopTransformJobCommand({ TransformJobName: transformJobName })),
  );
  return describeTransformJob(ctx, transformJobName);
}

export interface StartSageMakerPipelineInput {
  pipelineName: string;
  /** The domain id of the pipeline run Cairn records; the ClientRequestToken derives from it. */
  executionId: string;
  /** 0 for the first start; a deliberate re-run of the same domain execution passes 1, 2, ... */
  attempt?: number;
  parameters?: Record<string, string>;
  displayName?: string;
}

/** StartPipelineExecution; SageMaker returns the same execution for a repeated ClientRequestToken. */
export async function startSageMakerPipelineExecution(ctx: SageMaker, input: StartSageMakerPipelineInput) {
  const output = await ctx.call(
    target('StartPipelineExecution', 'sagemaker:pipeline', input.pipelineName),
    () =>
      ctx.client.send(
        new StartPipelineExecutionCommand({
          PipelineName: input.pipelineName,
          PipelineExecutionDisplayName: input.displayName,
          PipelineParameters: input.parameters
            ? Object.entries(input.parameters).map(([Name, Value]) => ({ Name, Value }))
            : undefined,
          ClientRequestToken: clientRequestToken(
            'sagemaker-pipeline-execution',
            input.executionId,
            input.attempt,
          ),
        }),
      ),
  );
  return { pipelineExecutionArn: required(output.PipelineExecutionArn, 'PipelineExecutionArn') };
}

export interface SageMakerPipelineExecutionState {
  pipelineExecutionArn: string;
  status: PipelineExecutionStatus;
  failureReason: string | null;
}

/** DescribePipelineExecution; null when no such execution exists. */
export function describeSageMakerPipelineExecution(
  ctx: SageMaker,
  pipelineExecutionArn: string,
): Promise<SageMakerPipelineExecutionState | null> {
  return orNullIfNotFound(async () => {
    const output = await ctx.call(
      target('DescribePipelineExecution', 'sagemaker:pipeline-execution', pipelineExecutionArn),
      () =>
        ctx.client.send(new DescribePipelineExecutionCommand({ PipelineExecutionArn: pipelineExecutionArn })),
    );
    return {
      pipelineExecutionArn,
      status: required(output.PipelineExecutionStatus, 'PipelineExecutionStatus'),
      failureReason: output.FailureReason ?? null,
    };
  });
}

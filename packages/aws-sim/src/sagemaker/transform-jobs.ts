import { Problems } from '../core/validation';
import type { JsonInput } from '../json/json-protocol';
import { SimError } from '../service';
import {
  type Call,
  date,
  FAIL_MARKER,
  INSTANCE_TYPE,
  key,
  NAME_RULE,
  S3_URI,
  SECONDS,
  sageMakerArn,
  type Tracked,
} from './common';
import { findModel } from './models';

const SPLIT_TYPES = ['None', 'Line', 'RecordIO', 'TFRecord'];

export interface TransformJobRecord extends Tracked {
  input: JsonInput;
  status: 'InProgress' | 'Completed' | 'Failed' | 'Stopping' | 'Stopped';
  endsAt: number;
  /** Set by StopTransformJob: when Stopping becomes Stopped. */
  stopsAt?: number;
  willFail: boolean;
  failureReason?: string;
}

export function advanceTransformJob(job: TransformJobRecord, now: number): void {
  if (job.status === 'Stopping' && job.stopsAt !== undefined && now >= job.stopsAt) {
    job.status = 'Stopped';
    job.endsAt = job.stopsAt;
    return;
  }
  if (job.status !== 'InProgress' || now < job.endsAt) return;
  job.status = job.willFail ? 'Failed' : 'Completed';
  if (job.willFail) job.failureReason = 'AlgorithmError: the model container exited with a non-zero status.';
}

export function createTransformJob(call: Call) {
  const { input, store } = call;
  const problems = new Problems();
  const name = problems.string(input, 'TransformJobName', 'TransformJobName', NAME_RULE);
  const modelName = problems.string(input, 'ModelName', 'ModelName', NAME_RULE);
  const transformInput = problems.object(input, 'TransformInput', 'TransformInput', { required: true });
  if (transformInput) {
    problems.string(transformInput, 'SplitType', 'TransformInput.SplitType', { values: SPLIT_TYPES });
    problems.string(transformInput, 'CompressionType', 'TransformInput.CompressionType', {
      values: ['None', 'Gzip'],
    });
  }
  const dataSource =
    transformInput &&
    problems.object(transformInput, 'DataSource', 'TransformInput.DataSource', { required: true });
  const s3 =
    dataSource && problems.object(dataSource, 'S3DataSource', 'TransformInput.DataSource.S3DataSource');
  if (s3) {
    const path = 'TransformInput.DataSource.S3DataSource';
    problems.string(s3, 'S3DataType', `${path}.S3DataType`, {
      required: true,
      values: ['ManifestFile', 'S3Prefix', 'AugmentedManifestFile'],
    });
    problems.string(s3, 'S3Uri', `${path}.S3Uri`, { required: true, max: 1024, pattern: S3_URI });
  }
  const output = problems.object(input, 'TransformOutput', 'TransformOutput', { required: true });
  if (output) {
    problems.string(output, 'S3OutputPath', 'TransformOutput.S3OutputPath', {
      required: true,
      max: 1024,
      pattern: S3_URI,
    });
    problems.string(output, 'AssembleWith', 'TransformOutput.AssembleWith', { values: ['None', 'Line'] });
  }
  const processing = problems.object(input, 'DataProcessing', 'DataProcessing');
  if (processing) {
    problems.string(processing, 'JoinSource', 'DataProcessing.JoinSource', { values: ['Input', 'None'] });
    problems.string(processing, 'InputFilter', 'DataProcessing.InputFilter', { max: 63 });
    problems.string(processing, 'OutputFilter', 'DataProcessing.OutputFilter', { max: 63 });
  }
  const resources = problems.object(input, 'TransformResources', 'TransformResources', { required: true });
  if (resources) {
    problems.string(resources, 'InstanceType', 'TransformResources.InstanceType', {
      required: true,
      pattern: INSTANCE_TYPE,
    });
    problems.number(resources, 'InstanceCount', 'TransformResources.InstanceCount', {
      required: true,
      min: 1,
    });
  }
  problems.number(input, 'MaxConcurrentTransforms', 'MaxConcurrentTransforms', { min: 0 });
  problems.number(input, 'MaxPayloadInMB', 'MaxPayloadInMB', { min: 0, max: 100 });
  problems.string(input, 'BatchStrategy', 'BatchStrategy', { values: ['MultiRecord', 'SingleRecord'] });
  problems.throwIfAny();
  const jobName = name as string;
  const arn = sageMakerArn(call, 'transform-job', jobName);
  if (store.transformJobs.has(key(jobName))) {
    throw new SimError(
      'ResourceInUse',
      'Job name must be unique within an AWS account and region, and a job with this name already exists.',
    );
  }
  const model = findModel(call, modelName as string);
  store.transformJobs.set(key(jobName), {
    name: jobName,
    arn,
    createdAt: call.now,
    createdBy: call.caller,
    input,
    status: 'InProgress',
    endsAt: call.context.clock.after(SECONDS.transformJob, call.now),
    willFail:
      model.images.some((image) => image.includes(FAIL_MARKER)) || call.context.faults.shouldFail(jobName),
  });
  return { TransformJobArn: arn };
}

function findJob(call: Call): TransformJobRecord {
  const problems = new Problems();
  const name = problems.string(call.input, 'TransformJobName', 'TransformJobName', NAME_RULE);
  problems.throwIfAny();
  const job = call.store.transformJobs.get(key(name as string));
  if (!job) {
    throw new SimError('ResourceNotFound', `Could not find requested job with name ${name}`);
  }
  return job;
}

/** StopTransformJob: an InProgress job goes Stopping, then Stopped; a finished one cannot be stopped. */
export function stopTransformJob(call: Call) {
  const job = findJob(call);
  if (job.status === 'Stopping' || job.status === 'Stopped') return {};
  if (job.status !== 'InProgress') {
    throw new SimError(
      'ValidationException',
      `The transform job ${job.name} has status ${job.status} and cannot be stopped.`,
    );
  }
  job.status = 'Stopping';
  job.stopsAt = call.context.clock.after(SECONDS.transformStop, call.now);
  return {};
}

export function describeTransformJob(call: Call) {
  const job = findJob(call);
  const { TransformJobName: _name, Tags: _tags, ...rest } = job.input;
  const isDone = job.status !== 'InProgress' && job.status !== 'Stopping';
  return {
    ...rest,
    TransformJobName: job.name,
    TransformJobArn: job.arn,
    TransformJobStatus: job.status,
    FailureReason: job.failureReason,
    CreationTime: date(job.createdAt),
    TransformStartTime: date(job.createdAt),
    TransformEndTime: isDone ? date(job.endsAt) : undefined,
  };
}

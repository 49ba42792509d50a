import { type DeploymentSpec, type DeploymentSpecInput, deploymentSpecSchema } from '../schemas/deployment';

/** Wizard inputs the deployment tests start from; each test changes what it is about. */
export const VERSION_ID = '0192f3a0-0000-7000-8000-000000000001';
export const OTHER_VERSION_ID = '0192f3a0-0000-7000-8000-000000000002';

export const REALTIME_INPUT = {
  type: 'REALTIME',
  modelVersionId: VERSION_ID,
  environment: 'PROD',
  instanceType: 'ml.m5.xlarge',
  initialInstanceCount: 4,
} as const;

export const SERVERLESS_INPUT = {
  type: 'SERVERLESS',
  modelVersionId: VERSION_ID,
  environment: 'DEV',
  memorySizeMb: 2048,
  maxConcurrency: 20,
} as const;

export const ASYNC_INPUT = {
  type: 'ASYNC',
  modelVersionId: VERSION_ID,
  environment: 'PROD',
  instanceType: 'ml.g5.xlarge',
  initialInstanceCount: 1,
  outputS3Uri: 's3://cairn-outputs/video/',
} as const;

export const BATCH_INPUT = {
  type: 'BATCH',
  modelVersionId: VERSION_ID,
  environment: 'PROD',
  inputS3Uri: 's3://cairn-data/nightly/input/',
  outputS3Uri: 's3://cairn-data/nightly/output/',
  instanceType: 'ml.m5.xlarge',
  instanceCount: 4,
} as const;

/** Parses a wizard input as the procedure will, so tests see the defaults the schema fills in. */
export function spec(input: DeploymentSpecInput): DeploymentSpec {
  return deploymentSpecSchema.parse(input);
}

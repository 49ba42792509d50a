import { z } from 'zod';
import { descriptionSchema, idSchema, teamIdSchema } from './common';

export const MODEL_FRAMEWORKS = [
  'PYTORCH',
  'TENSORFLOW',
  'XGBOOST',
  'SKLEARN',
  'HUGGINGFACE',
  'OTHER',
] as const;
export type ModelFramework = (typeof MODEL_FRAMEWORKS)[number];

// s3://bucket/key: a bucket name as S3 allows it (3-63 lowercase letters, digits, dots, hyphens).
const S3_URI = /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/\S*)?$/;
// <account>.dkr.ecr.<region>.amazonaws.com/<repository>[:tag|@sha256:<digest>]
const ECR_IMAGE =
  /^\d{12}\.dkr\.ecr\.[a-z]{2}(-[a-z]+)+-\d\.amazonaws\.com(\.cn)?\/[a-z0-9]+(?:[._/-][a-z0-9]+)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}|@sha256:[a-f0-9]{64})?$/;

export const artifactUriSchema = z
  .string()
  .trim()
  .min(1, { message: 'Artifact URI is required' })
  .max(1_024, { message: 'Artifact URI must be at most 1,024 characters' })
  .regex(S3_URI, { message: 'Artifact URI must be an S3 location: s3://bucket/path' });

export const inferenceImageUriSchema = z
  .string()
  .trim()
  .min(1, { message: 'Inference image is required' })
  .max(512, { message: 'Inference image must be at most 512 characters' })
  .regex(ECR_IMAGE, {
    message:
      'Inference image must be an ECR image: <account>.dkr.ecr.<region>.amazonaws.com/<repository>[:tag or @sha256:digest]',
  });

const cardField = (label: string) =>
  z
    .string()
    .trim()
    .max(4_000, { message: `${label} must be at most 4,000 characters` });

export const modelCardSchema = z.object({
  intendedUse: cardField('Intended use').default(''),
  limitations: cardField('Limitations').default(''),
  trainingData: cardField('Training data').default(''),
  evaluation: cardField('Evaluation').default(''),
});
export type ModelCard = z.infer<typeof modelCardSchema>;

export const registerModelVersionInput = z.object({
  teamId: teamIdSchema,
  projectId: idSchema,
  modelGroupId: idSchema,
  runId: idSchema,
  artifactUri: artifactUriSchema,
  inferenceImageUri: inferenceImageUriSchema,
  framework: z.enum(MODEL_FRAMEWORKS, { message: `Framework must be one of ${MODEL_FRAMEWORKS.join(', ')}` }),
  description: descriptionSchema.default(''),
  modelCard: modelCardSchema.default({ intendedUse: '', limitations: '', trainingData: '', evaluation: '' }),
});
export type RegisterModelVersionInput = z.infer<typeof registerModelVersionInput>;

export const listModelVersionsInput = z.object({
  teamId: teamIdSchema,
  projectId: idSchema,
  /** Either a group's versions or the versions registered from a run (its lineage). */
  modelGroupId: idSchema.optional(),
  runId: idSchema.optional(),
  limit: z.number().int().min(1).max(100).default(50),
  /** The id of the last version of the previous page (keyset). */
  cursor: idSchema.optional(),
});
export type ListModelVersionsInput = z.infer<typeof listModelVersionsInput>;

export const getModelVersionInput = z.object({ teamId: teamIdSchema, projectId: idSchema, id: idSchema });
export type GetModelVersionInput = z.infer<typeof getModelVersionInput>;

export { decodeMetricValue, encodeMetricValue } from '../metric-value';

export const updateModelVersionArtifactInput = z.object({
  teamId: teamIdSchema,
  projectId: idSchema,
  modelVersionId: idSchema,
  artifactUri: artifactUriSchema,
  inferenceImageUri: inferenceImageUriSchema,
});
export type UpdateModelVersionArtifactInput = z.infer<typeof updateModelVersionArtifactInput>;

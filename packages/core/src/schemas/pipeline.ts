import { z } from 'zod';
import { descriptionSchema, idSchema, teamIdSchema } from './common';

export const PIPELINE_KINDS = ['CODEPIPELINE', 'SAGEMAKER'] as const;

/** CodePipeline and SageMaker pipeline names share this shape (letters, digits, . _ -). */
export const awsPipelineNameSchema = z
  .string()
  .trim()
  .min(1, { message: 'Pipeline name is required' })
  .max(100, { message: 'Pipeline name must be at most 100 characters' })
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, {
    message: 'Pipeline name must start with a letter or digit and use letters, digits, . _ or -',
  });

export const registerPipelineInput = z.object({
  teamId: teamIdSchema,
  projectId: idSchema,
  kind: z.enum(PIPELINE_KINDS, { message: 'Kind must be CodePipeline or SageMaker' }),
  awsPipelineName: awsPipelineNameSchema,
  description: descriptionSchema.default(''),
});
export type RegisterPipelineInput = z.infer<typeof registerPipelineInput>;

export const listPipelinesInput = z.object({ teamId: teamIdSchema, projectId: idSchema });
export type ListPipelinesInput = z.infer<typeof listPipelinesInput>;

export const startPipelineRunInput = z.object({
  teamId: teamIdSchema,
  pipelineId: idSchema,
  /** The model version the run releases: its package ARN and number become the run's variables. */
  modelVersionId: idSchema.optional(),
});
export type StartPipelineRunInput = z.infer<typeof startPipelineRunInput>;

export const setPipelineReleaseInput = z.object({
  teamId: teamIdSchema,
  pipelineId: idSchema,
  startOnApproval: z.boolean({ message: 'Start on approval must be true or false' }),
});
export type SetPipelineReleaseInput = z.infer<typeof setPipelineReleaseInput>;

export const PIPELINE_APPROVAL_ANSWERS = ['Approved', 'Rejected'] as const;

export const answerPipelineApprovalInput = z
  .object({
    teamId: teamIdSchema,
    runId: idSchema,
    decision: z.enum(PIPELINE_APPROVAL_ANSWERS, { message: 'Decision must be Approved or Rejected' }),
    // CodePipeline's ApprovalResult.summary: up to 512 characters.
    summary: z.string().trim().max(512, { message: 'Summary must be at most 512 characters' }).default(''),
  })
  .refine((input) => input.decision !== 'Rejected' || input.summary.length > 0, {
    message: 'Say why you reject: a summary is required',
    path: ['summary'],
  });
export type AnswerPipelineApprovalInput = z.infer<typeof answerPipelineApprovalInput>;

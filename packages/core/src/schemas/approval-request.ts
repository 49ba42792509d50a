import { z } from 'zod';
import { approvalPolicySchema } from './approval-policy';
import { idSchema, teamIdSchema } from './common';

export const RELEASE_ENVIRONMENTS = ['DEV', 'STAGING', 'PROD'] as const;
export type ReleaseEnvironment = (typeof RELEASE_ENVIRONMENTS)[number];

const MAX_NOTES = 2_000;
const MAX_COMMENT = 2_000;

export const getApprovalPolicyInput = z.object({ teamId: teamIdSchema, projectId: idSchema });
export type GetApprovalPolicyInput = z.infer<typeof getApprovalPolicyInput>;

export const updateApprovalPolicyInput = z.object({
  teamId: teamIdSchema,
  projectId: idSchema,
  policy: approvalPolicySchema,
});
export type UpdateApprovalPolicyInput = z.infer<typeof updateApprovalPolicyInput>;

export const requestApprovalInput = z.object({
  teamId: teamIdSchema,
  projectId: idSchema,
  modelVersionId: idSchema,
  environment: z.enum(RELEASE_ENVIRONMENTS, { message: 'Environment must be DEV, STAGING or PROD' }),
  notes: z
    .string()
    .trim()
    .max(MAX_NOTES, { message: `Notes must be at most ${MAX_NOTES.toLocaleString('en-US')} characters` })
    .default(''),
});
export type RequestApprovalInput = z.infer<typeof requestApprovalInput>;

export const decideApprovalInput = z
  .object({
    teamId: teamIdSchema,
    requestId: idSchema,
    decision: z.enum(['APPROVE', 'REJECT'], { message: 'Decision must be APPROVE or REJECT' }),
    comment: z
      .string()
      .trim()
      .max(MAX_COMMENT, {
        message: `Comment must be at most ${MAX_COMMENT.toLocaleString('en-US')} characters`,
      })
      .default(''),
  })
  .refine((input) => input.decision !== 'REJECT' || input.comment.length > 0, {
    message: 'Say why you reject: a comment is required',
    path: ['comment'],
  });
export type DecideApprovalInput = z.infer<typeof decideApprovalInput>;

export const getApprovalRequestInput = z.object({ teamId: teamIdSchema, requestId: idSchema });
export type GetApprovalRequestInput = z.infer<typeof getApprovalRequestInput>;

export const modelVersionRefInput = z.object({ teamId: teamIdSchema, modelVersionId: idSchema });
export type ModelVersionRefInput = z.infer<typeof modelVersionRefInput>;

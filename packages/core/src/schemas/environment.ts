import { z } from 'zod';
import { RELEASE_ENVIRONMENTS } from './approval-request';
import { idSchema, teamIdSchema } from './common';
import { awsRegionSchema, iamRoleArnSchema } from './team';

const blankToNull = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? null : value);

export const listEnvironmentsInput = z.object({ teamId: teamIdSchema, projectId: idSchema });
export type ListEnvironmentsInput = z.infer<typeof listEnvironmentsInput>;

export const updateEnvironmentInput = z.object({
  teamId: teamIdSchema,
  projectId: idSchema,
  name: z.enum(RELEASE_ENVIRONMENTS, { message: 'Environment must be DEV, STAGING or PROD' }),
  region: awsRegionSchema,
  /** Another account's role for this environment; blank means the team's own role. */
  roleArnOverride: z.preprocess(blankToNull, iamRoleArnSchema.nullable()),
  requiresStagingFirst: z.boolean({ message: 'Must be true or false' }).default(true),
});
export type UpdateEnvironmentInput = z.infer<typeof updateEnvironmentInput>;

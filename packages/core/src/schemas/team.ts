import { z } from 'zod';
import { teamIdSchema } from './common';

export const teamRefInput = z.object({ teamId: teamIdSchema });
export type TeamRefInput = z.infer<typeof teamRefInput>;

/** Blank form fields mean "not set". */
const blankToNull = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? null : value);

export const iamRoleArnSchema = z
  .string()
  .trim()
  .max(2048)
  .regex(/^arn:aws(-[a-z]+)*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/, {
    message: 'Must be an IAM role ARN, e.g. arn:aws:iam::123456789012:role/cairn-team',
  });

export const awsRegionSchema = z
  .string()
  .trim()
  .regex(/^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d{1,2}$/, {
    message: 'Must be an AWS region, e.g. eu-west-1',
  });

export const updateTeamSettingsInput = z.object({
  teamId: teamIdSchema,
  iamRoleArn: z.preprocess(blankToNull, iamRoleArnSchema.nullable()),
  iamExternalId: z.preprocess(
    blankToNull,
    z
      .string()
      .trim()
      .regex(/^[\w+=,.@:/-]{2,1224}$/, {
        message: 'External id must be 2 to 1,224 letters, digits or + = , . @ : / - _',
      })
      .nullable(),
  ),
  awsRegion: awsRegionSchema,
  permissionBoundaryNote: z.preprocess(
    blankToNull,
    z
      .string()
      .trim()
      .max(1000, { message: 'Permission boundary note must be at most 1,000 characters' })
      .nullable(),
  ),
});
export type UpdateTeamSettingsInput = z.infer<typeof updateTeamSettingsInput>;

/** A new team (org admins): its name, and the AWS region its projects deploy to by default. */
export const createTeamInput = z.object({
  name: z.string().trim().min(1, { message: 'Name is required' }).max(100),
  awsRegion: awsRegionSchema.default('us-east-1'),
});
export type CreateTeamInput = z.infer<typeof createTeamInput>;

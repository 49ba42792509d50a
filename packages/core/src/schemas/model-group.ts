import { z } from 'zod';
import { descriptionSchema, idSchema, teamIdSchema } from './common';

export const modelGroupNameSchema = z
  .string()
  .trim()
  .min(1, { message: 'Name is required' })
  .max(63, { message: 'Name must be at most 63 characters' })
  .regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]*$/, {
    message: 'Name must start with a letter or digit and use letters, digits, spaces, . _ or -',
  });

export const createModelGroupInput = z.object({
  teamId: teamIdSchema,
  projectId: idSchema,
  name: modelGroupNameSchema,
  description: descriptionSchema.default(''),
});
export type CreateModelGroupInput = z.infer<typeof createModelGroupInput>;

export const listModelGroupsInput = z.object({ teamId: teamIdSchema, projectId: idSchema });
export type ListModelGroupsInput = z.infer<typeof listModelGroupsInput>;

import { z } from 'zod';
import { descriptionSchema, idSchema, nameSchema, pageSizeSchema, teamIdSchema } from './common';

export const listProjectsInput = z.object({
  teamId: teamIdSchema,
  includeArchived: z.boolean().default(false),
  cursor: idSchema.optional(),
  limit: pageSizeSchema,
});
export const projectRefInput = z.object({ teamId: teamIdSchema, projectId: idSchema });
export const createProjectInput = z.object({
  teamId: teamIdSchema,
  name: nameSchema,
  description: descriptionSchema.default(''),
});
export const setProjectArchivedInput = projectRefInput.extend({ isArchived: z.boolean() });

export type ListProjectsInput = z.infer<typeof listProjectsInput>;
export type ProjectRefInput = z.infer<typeof projectRefInput>;
export type CreateProjectInput = z.infer<typeof createProjectInput>;
export type SetProjectArchivedInput = z.infer<typeof setProjectArchivedInput>;

import { z } from 'zod';
import { idSchema, nameSchema, teamIdSchema } from './common';

export const listApiTokensInput = z.object({ teamId: teamIdSchema, projectId: idSchema });
export const createApiTokenInput = z.object({
  teamId: teamIdSchema,
  projectId: idSchema,
  name: nameSchema,
  expiresInDays: z
    .number()
    .int({ message: 'Expiry must be a whole number of days' })
    .min(1, { message: 'Expiry must be at least 1 day' })
    .max(365, { message: 'Expiry must be at most 365 days' })
    .default(90),
});
export const revokeApiTokenInput = z.object({ teamId: teamIdSchema, tokenId: idSchema });

export type CreateApiTokenInput = z.infer<typeof createApiTokenInput>;
export type RevokeApiTokenInput = z.infer<typeof revokeApiTokenInput>;

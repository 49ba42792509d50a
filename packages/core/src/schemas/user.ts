import { z } from 'zod';
import { idSchema } from './common';

export const setUserDisabledInput = z
  .object({
    userId: idSchema,
    isDisabled: z.boolean(),
    /** Why: kept in the audit trail and shown in the access review. */
    reason: z
      .string()
      .trim()
      .max(500, { message: 'Reason must be at most 500 characters' })
      .transform((value) => (value === '' ? null : value))
      .nullish(),
  })
  .superRefine((value, ctx) => {
    if (value.isDisabled && (value.reason ?? '').length < 3) {
      ctx.addIssue({
        code: 'custom',
        path: ['reason'],
        message: 'Say why the user is disabled (at least 3 characters)',
      });
    }
  });
export type SetUserDisabledInput = z.infer<typeof setUserDisabledInput>;

import { z } from 'zod';
import { idSchema } from './common';

export const AUDIT_OUTCOMES = ['SUCCESS', 'DENIED', 'FAILED'] as const;

export const listAuditEventsInput = z
  .object({
    teamId: idSchema.optional(),
    actor: z.string().trim().max(254).optional(),
    action: z.string().trim().max(100).optional(),
    resourceType: z.string().trim().max(100).optional(),
    resourceId: z.string().trim().max(200).optional(),
    outcome: z.enum(AUDIT_OUTCOMES).optional(),
    from: z.coerce.date().optional(),
    to: z.coerce.date().optional(),
    /** The seq of the last event of the previous page (pages go newest first). */
    cursor: z
      .string()
      .regex(/^\d{1,19}$/, { message: 'Cursor must be an event sequence number' })
      .optional(),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .refine((input) => !input.from || !input.to || input.from <= input.to, {
    message: 'The start of the range must be before its end',
    path: ['from'],
  });

export type ListAuditEventsInput = z.infer<typeof listAuditEventsInput>;

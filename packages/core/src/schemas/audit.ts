import { z } from 'zod';
import { AUDIT_OUTCOMES } from '../audit-outcomes';
import { idSchema } from './common';

export { AUDIT_OUTCOMES } from '../audit-outcomes';
export const AUDIT_EXPORT_FORMATS = ['csv', 'jsonl'] as const;

/** The filters the audit list and its export share. */
const auditFilterShape = {
  teamId: idSchema.optional(),
  actor: z.string().trim().max(254).optional(),
  action: z.string().trim().max(100).optional(),
  resourceType: z.string().trim().max(100).optional(),
  /** Free text within the resource id. */
  resourceId: z.string().trim().max(200).optional(),
  outcome: z.enum(AUDIT_OUTCOMES).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
};

const isRangeOrdered = (input: { from?: Date | undefined; to?: Date | undefined }) =>
  !input.from || !input.to || input.from <= input.to;
const rangeMessage = { message: 'The start of the range must be before its end', path: ['from'] };

export const auditFiltersInput = z.object(auditFilterShape).refine(isRangeOrdered, rangeMessage);
export type AuditFilters = z.infer<typeof auditFiltersInput>;

export const listAuditEventsInput = z
  .object({
    ...auditFilterShape,
    /** The seq of the last event of the previous page (pages go newest first). */
    cursor: z
      .string()
      .regex(/^\d{1,19}$/, { message: 'Cursor must be an event sequence number' })
      .optional(),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .refine(isRangeOrdered, rangeMessage);

export type ListAuditEventsInput = z.infer<typeof listAuditEventsInput>;

export const exportAuditEventsInput = z
  .object({ ...auditFilterShape, format: z.enum(AUDIT_EXPORT_FORMATS).default('csv') })
  .refine(isRangeOrdered, rangeMessage);

export type ExportAuditEventsInput = z.infer<typeof exportAuditEventsInput>;

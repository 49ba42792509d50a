import { z } from 'zod';
import { METRIC_RANGES } from '../monitoring/monitoring-schemas';
import { idSchema, teamIdSchema } from './common';

export const endShadowInput = z.object({
  teamId: teamIdSchema,
  deploymentId: idSchema,
  reason: z
    .string({ message: 'Reason must be text' })
    .trim()
    .max(500, { message: 'Reason must be at most 500 characters' })
    .optional(),
});
export type EndShadowInput = z.infer<typeof endShadowInput>;

export const shadowComparisonInput = z.object({
  teamId: teamIdSchema,
  deploymentId: idSchema,
  range: z
    .enum(METRIC_RANGES, { message: `Range must be one of ${METRIC_RANGES.join(', ')}` })
    .default('24h'),
});
export type ShadowComparisonInput = z.infer<typeof shadowComparisonInput>;

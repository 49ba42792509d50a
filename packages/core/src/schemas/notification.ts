import { z } from 'zod';
import { idSchema } from './common';

export const listNotificationsInput = z
  .object({ cursor: idSchema.optional(), limit: z.number().int().min(1).max(100).default(20) })
  .default({ limit: 20 });
export type ListNotificationsInput = z.infer<typeof listNotificationsInput>;

export const markNotificationsReadInput = z
  .object({ ids: z.array(idSchema).min(1).max(200).optional() })
  .default({});
export type MarkNotificationsReadInput = z.infer<typeof markNotificationsReadInput>;

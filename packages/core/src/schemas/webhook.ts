import { z } from 'zod';
import { idSchema, teamIdSchema } from './common';

export const WEBHOOK_EVENTS = [
  'model_version.registered',
  'model_version.approved',
  'model_version.rejected',
  'pipeline_run.finished',
  'alert.fired',
  'alert.resolved',
  'budget.threshold_crossed',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const webhookUrlSchema = z
  .string()
  .trim()
  .min(1, { message: 'URL is required' })
  .max(2_048, { message: 'URL must be at most 2,048 characters' })
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password;
      } catch {
        return false;
      }
    },
    { message: 'URL must be an http(s) address without credentials in it' },
  );

export const projectWebhookRefInput = z.object({ teamId: teamIdSchema, projectId: idSchema });
export type ProjectWebhookRefInput = z.infer<typeof projectWebhookRefInput>;

export const saveProjectWebhookInput = projectWebhookRefInput.extend({
  url: webhookUrlSchema,
  events: z
    .array(z.enum(WEBHOOK_EVENTS, { message: `Events must be among ${WEBHOOK_EVENTS.join(', ')}` }))
    .min(1, { message: 'Choose at least one event' })
    .max(WEBHOOK_EVENTS.length)
    .transform((events) => [...new Set(events)]),
  isEnabled: z.boolean().default(true),
});
export type SaveProjectWebhookInput = z.infer<typeof saveProjectWebhookInput>;

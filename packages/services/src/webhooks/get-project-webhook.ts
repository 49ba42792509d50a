import type { ProjectWebhookRefInput } from '@cairn/core/schemas/webhook';
import type { ServiceContext } from '../context';
import { projectForPerson } from '../model-versions/model-version-access';

const RECENT_DELIVERIES = 20;

export const WEBHOOK_PUBLIC_FIELDS = {
  id: true,
  url: true,
  events: true,
  isEnabled: true,
  createdAt: true,
  updatedAt: true,
} as const;

/** The project's webhook (never its secret) and its latest deliveries; team admins only. */
export async function getProjectWebhook(ctx: ServiceContext, input: ProjectWebhookRefInput) {
  const project = await projectForPerson(ctx.db, ctx, input, 'release:policy');
  const webhook = await ctx.db.projectWebhook.findUnique({
    where: { projectId: project.id },
    select: WEBHOOK_PUBLIC_FIELDS,
  });
  const deliveries = webhook
    ? await ctx.db.webhookDelivery.findMany({
        where: { webhookId: webhook.id },
        orderBy: { id: 'desc' },
        take: RECENT_DELIVERIES,
        select: {
          id: true,
          event: true,
          status: true,
          attempts: true,
          responseStatus: true,
          lastError: true,
          createdAt: true,
          deliveredAt: true,
        },
      })
    : [];
  return { webhook, deliveries };
}

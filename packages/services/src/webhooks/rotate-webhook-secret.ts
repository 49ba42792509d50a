import { notFound } from '@cairn/core/errors';
import type { ProjectWebhookRefInput } from '@cairn/core/schemas/webhook';
import { recordAudit } from '../audit/record-audit';
import type { ServiceContext } from '../context';
import { projectForPerson } from '../model-versions/model-version-access';
import { newWebhookSecret } from './webhook-secret';

/** Replaces the webhook's signing secret and answers the new one, once. Deliveries from now on use it. */
export async function rotateWebhookSecret(ctx: ServiceContext, input: ProjectWebhookRefInput) {
  return ctx.db.$transaction(async (tx) => {
    const project = await projectForPerson(tx, ctx, input, 'release:policy');
    const existing = await tx.projectWebhook.findUnique({
      where: { projectId: project.id },
      select: { id: true },
    });
    if (!existing) throw notFound('Webhook');
    const secret = newWebhookSecret();
    await tx.projectWebhook.update({ where: { id: existing.id }, data: { secret, updatedAt: new Date() } });
    await recordAudit(tx, ctx, {
      action: 'webhook.rotateSecret',
      resourceType: 'ProjectWebhook',
      resourceId: existing.id,
      teamId: project.teamId,
    });
    return { secret };
  });
}

import { notFound } from '@cairn/core/errors';
import type { ProjectWebhookRefInput } from '@cairn/core/schemas/webhook';
import { recordAudit } from '../audit/record-audit';
import type { ServiceContext } from '../context';
import { projectForPerson } from '../model-versions/model-version-access';

/** Removes the project's webhook and its delivery history; deliveries still queued find nothing to send. */
export async function deleteProjectWebhook(ctx: ServiceContext, input: ProjectWebhookRefInput) {
  return ctx.db.$transaction(async (tx) => {
    const project = await projectForPerson(tx, ctx, input, 'release:policy');
    const existing = await tx.projectWebhook.findUnique({ where: { projectId: project.id } });
    if (!existing) throw notFound('Webhook');
    await tx.projectWebhook.delete({ where: { id: existing.id } });
    await recordAudit(tx, ctx, {
      action: 'webhook.delete',
      resourceType: 'ProjectWebhook',
      resourceId: existing.id,
      teamId: project.teamId,
      before: { url: existing.url, events: existing.events, isEnabled: existing.isEnabled },
    });
    return { ok: true as const };
  });
}

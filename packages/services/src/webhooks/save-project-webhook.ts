import { DomainError } from '@cairn/core/errors';
import type { SaveProjectWebhookInput } from '@cairn/core/schemas/webhook';
import { recordAudit } from '../audit/record-audit';
import type { ServiceContext } from '../context';
import { projectForPerson } from '../model-versions/model-version-access';
import { WEBHOOK_PUBLIC_FIELDS } from './get-project-webhook';
import { newWebhookSecret } from './webhook-secret';

/**
 * Creates or changes the project's webhook (team admins). The signing secret is made on creation
 * and answered only then; changes keep it.
 */
export async function saveProjectWebhook(ctx: ServiceContext, input: SaveProjectWebhookInput) {
  return ctx.db.$transaction(async (tx) => {
    const project = await projectForPerson(tx, ctx, input, 'release:policy');
    if (project.archivedAt) throw new DomainError('PRECONDITION_FAILED', 'The project is archived');
    const existing = await tx.projectWebhook.findUnique({
      where: { projectId: project.id },
      select: WEBHOOK_PUBLIC_FIELDS,
    });
    const fields = { url: input.url, events: input.events, isEnabled: input.isEnabled };
    let secret: string | null = null;
    let webhook: NonNullable<typeof existing>;
    if (existing) {
      webhook = await tx.projectWebhook.update({
        where: { id: existing.id },
        data: { ...fields, updatedAt: new Date() },
        select: WEBHOOK_PUBLIC_FIELDS,
      });
    } else {
      secret = newWebhookSecret();
      webhook = await tx.projectWebhook.create({
        data: {
          ...fields,
          secret,
          teamId: project.teamId,
          projectId: project.id,
          createdById: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
        },
        select: WEBHOOK_PUBLIC_FIELDS,
      });
    }
    await recordAudit(tx, ctx, {
      action: existing ? 'webhook.update' : 'webhook.create',
      resourceType: 'ProjectWebhook',
      resourceId: webhook.id,
      teamId: project.teamId,
      before: existing ? { url: existing.url, events: existing.events, isEnabled: existing.isEnabled } : null,
      after: fields,
    });
    return { webhook, secret };
  });
}

import { projectWebhookRefInput, saveProjectWebhookInput } from '@cairn/core/schemas/webhook';
import { deleteProjectWebhook } from '@cairn/services/webhooks/delete-project-webhook';
import { getProjectWebhook } from '@cairn/services/webhooks/get-project-webhook';
import { rotateWebhookSecret } from '@cairn/services/webhooks/rotate-webhook-secret';
import { saveProjectWebhook } from '@cairn/services/webhooks/save-project-webhook';
import { createRouter, teamProcedure } from '../trpc';

export const webhookRouter = createRouter({
  get: teamProcedure('release:policy')
    .input(projectWebhookRefInput)
    .query(({ ctx, input }) => getProjectWebhook(ctx, input)),
  save: teamProcedure('release:policy')
    .input(saveProjectWebhookInput)
    .mutation(({ ctx, input }) => saveProjectWebhook(ctx, input)),
  rotateSecret: teamProcedure('release:policy')
    .input(projectWebhookRefInput)
    .mutation(({ ctx, input }) => rotateWebhookSecret(ctx, input)),
  delete: teamProcedure('release:policy')
    .input(projectWebhookRefInput)
    .mutation(({ ctx, input }) => deleteProjectWebhook(ctx, input)),
});

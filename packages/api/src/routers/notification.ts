import { listNotificationsInput, markNotificationsReadInput } from '@cairn/core/schemas/notification';
import { listNotifications } from '@cairn/services/notifications/list-notifications';
import { markNotificationsRead } from '@cairn/services/notifications/mark-notifications-read';
import { createRouter, protectedProcedure } from '../trpc';

export const notificationRouter = createRouter({
  list: protectedProcedure
    .input(listNotificationsInput)
    .query(({ ctx, input }) => listNotifications(ctx, input)),
  markRead: protectedProcedure
    .input(markNotificationsReadInput)
    .mutation(({ ctx, input }) => markNotificationsRead(ctx, input)),
});

import { listFailedJobsInput, retryJobInput } from '@cairn/core/schemas/ops';
import { listFailedJobs } from '@cairn/services/ops/list-failed-jobs';
import { listQueues } from '@cairn/services/ops/list-queues';
import { retryJob } from '@cairn/services/ops/retry-job';
import { createRouter, orgAdminProcedure } from '../trpc';

/** The worker's queues across every team: org admins only. */
export const opsRouter = createRouter({
  queues: orgAdminProcedure.query(({ ctx }) => listQueues(ctx)),
  failedJobs: orgAdminProcedure
    .input(listFailedJobsInput)
    .query(({ ctx, input }) => listFailedJobs(ctx, input)),
  retryJob: orgAdminProcedure.input(retryJobInput).mutation(({ ctx, input }) => retryJob(ctx, input)),
});

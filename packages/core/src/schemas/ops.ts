import { z } from 'zod';

export const listFailedJobsInput = z.object({
  /** The id of the last job of the previous page (pages go newest failure first). */
  cursor: z.uuid({ message: 'Cursor must be a job id' }).optional(),
  limit: z.number().int().min(1).max(100).default(25),
});
export type ListFailedJobsInput = z.infer<typeof listFailedJobsInput>;

export const retryJobInput = z.object({
  queue: z.string().trim().min(1, { message: 'Queue is required' }).max(200),
  jobId: z.uuid({ message: 'Must be a job id' }),
});
export type RetryJobInput = z.infer<typeof retryJobInput>;

import type { ListFailedJobsInput } from '@cairn/core/schemas/ops';
import type { ServiceContext } from '../context';

interface FailedJobRow {
  id: string;
  name: string;
  data: unknown;
  output: unknown;
  retry_count: number;
  retry_limit: number;
  created_on: Date;
  completed_on: Date;
}

/** Jobs that used up their retries, newest failure first, with the error their last attempt left. */
export async function listFailedJobs(ctx: ServiceContext, input: ListFailedJobsInput) {
  const rows = await ctx.db.$queryRaw<FailedJobRow[]>`
    SELECT id::text, name, data, output, retry_count, retry_limit, created_on, completed_on
    FROM pgboss.job
    WHERE state = 'failed'
      AND (${input.cursor ?? null}::uuid IS NULL
        OR (completed_on, id) < (SELECT completed_on, id FROM pgboss.job WHERE id = ${input.cursor ?? null}::uuid LIMIT 1))
    ORDER BY completed_on DESC, id DESC
    LIMIT ${input.limit + 1}`;
  const page = rows.slice(0, input.limit);
  return {
    items: page.map((row) => ({
      id: row.id,
      queue: row.name,
      payload: row.data,
      error: errorOf(row.output),
      attempts: row.retry_count + 1,
      createdAt: row.created_on,
      failedAt: row.completed_on,
    })),
    nextCursor: rows.length > input.limit ? page.at(-1)?.id : undefined,
  };
}

/** pg-boss stores a thrown error as `{ message, stack, ... }`; the stack stays on the server. */
function errorOf(output: unknown): string {
  if (output && typeof output === 'object' && 'message' in output) return String(output.message);
  return output === null || output === undefined ? 'No error recorded' : JSON.stringify(output).slice(0, 500);
}

import type { PrismaClient } from '@cairn/db/client';
import { TRPCError } from '@trpc/server';
import { changedCounts, countRows } from './row-counts';

/** Refusals a client can act on. INTERNAL_SERVER_ERROR (a 500) is never one of them. */
const CLIENT_ERROR_CODES = new Set([
  'BAD_REQUEST',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'PRECONDITION_FAILED',
  'PAYLOAD_TOO_LARGE',
  'UNPROCESSABLE_CONTENT',
  'TOO_MANY_REQUESTS',
]);

export function describeInput(input: unknown): string {
  const text = JSON.stringify(input, (_key, value) =>
    typeof value === 'string' && value.length > 80 ? `${value.slice(0, 80)}… (${value.length})` : value,
  );
  return (text ?? String(input)).slice(0, 400);
}

/**
 * Makes one call and says what went wrong, or null when it succeeded or was refused cleanly: a
 * 4xx-class TRPCError and, for a mutation, no row written but the audit event of the refusal.
 */
export async function checkRefusal(
  db: PrismaClient,
  type: string,
  input: unknown,
  run: (input: unknown) => Promise<unknown>,
): Promise<string | null> {
  const before = type === 'mutation' ? await countRows(db) : null;
  try {
    await run(input);
    return null;
  } catch (error) {
    if (!(error instanceof TRPCError)) return `threw ${String(error)} for ${describeInput(input)}`;
    if (!CLIENT_ERROR_CODES.has(error.code)) {
      const cause = error.cause instanceof Error ? error.cause.stack?.split('\n').slice(0, 3).join(' ') : '';
      return `${error.code} (${error.message}; ${cause}) for ${describeInput(input)}`;
    }
    if (!before) return null;
    const changed = changedCounts(before, await countRows(db));
    return changed.length > 0
      ? `refused with ${error.code} but wrote ${changed.join(', ')} for ${describeInput(input)}`
      : null;
  }
}

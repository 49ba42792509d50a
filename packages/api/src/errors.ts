import { type DomainErrorCode, isDomainError } from '@cairn/core/errors';
import { TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';

const TRPC_CODE: Record<DomainErrorCode, TRPC_ERROR_CODE_KEY> = {
  NOT_FOUND: 'NOT_FOUND',
  FORBIDDEN: 'FORBIDDEN',
  UNAUTHENTICATED: 'UNAUTHORIZED',
  CONFLICT: 'CONFLICT',
  INVALID_INPUT: 'BAD_REQUEST',
  POLICY_VIOLATION: 'FORBIDDEN',
  RATE_LIMITED: 'TOO_MANY_REQUESTS',
  PRECONDITION_FAILED: 'PRECONDITION_FAILED',
};

/** The one place domain errors become tRPC (and so HTTP) errors. */
export function toTrpcError(error: unknown): TRPCError | null {
  if (!isDomainError(error)) return null;
  return new TRPCError({ code: TRPC_CODE[error.code], message: error.message, cause: error });
}

/**
 * Typed domain errors. Services throw them; the API maps them to tRPC/HTTP codes in one place.
 */
export type DomainErrorCode =
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'UNAUTHENTICATED'
  | 'CONFLICT'
  | 'INVALID_INPUT'
  | 'POLICY_VIOLATION'
  | 'RATE_LIMITED'
  | 'PRECONDITION_FAILED';

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  /** Field path for input errors, so the UI can point at the field. */
  readonly field: string | undefined;
  /** The service already audited this refusal with its resource; the API must not audit it again. */
  readonly isAudited: boolean;

  constructor(
    code: DomainErrorCode,
    message: string,
    options?: { field?: string; cause?: unknown; isAudited?: boolean },
  ) {
    super(message, { cause: options?.cause });
    this.name = 'DomainError';
    this.code = code;
    this.field = options?.field;
    this.isAudited = options?.isAudited ?? false;
  }
}

export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what} not found`);
export const forbidden = (message = 'You do not have permission to do this') =>
  new DomainError('FORBIDDEN', message);
export const conflict = (message: string) => new DomainError('CONFLICT', message);
export const invalidInput = (message: string, field?: string) =>
  new DomainError('INVALID_INPUT', message, { field });

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

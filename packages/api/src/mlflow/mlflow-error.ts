import { type DomainErrorCode, isDomainError } from '@cairn/core/errors';
import { ZodError } from 'zod';

/** The MLflow (databricks.proto) error codes Cairn answers with. */
export type MlflowErrorCode =
  | 'BAD_REQUEST'
  | 'INVALID_PARAMETER_VALUE'
  | 'RESOURCE_DOES_NOT_EXIST'
  | 'RESOURCE_ALREADY_EXISTS'
  | 'UNAUTHENTICATED'
  | 'PERMISSION_DENIED'
  | 'ENDPOINT_NOT_FOUND'
  | 'REQUEST_LIMIT_EXCEEDED'
  | 'INTERNAL_ERROR';

/** HTTP statuses as mlflow/exceptions.py ERROR_CODE_TO_HTTP_STATUS has them. */
const HTTP_STATUS: Record<MlflowErrorCode, number> = {
  BAD_REQUEST: 400,
  INVALID_PARAMETER_VALUE: 400,
  RESOURCE_ALREADY_EXISTS: 400,
  RESOURCE_DOES_NOT_EXIST: 404,
  ENDPOINT_NOT_FOUND: 404,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  REQUEST_LIMIT_EXCEEDED: 429,
  INTERNAL_ERROR: 500,
};

const FROM_DOMAIN: Record<DomainErrorCode, MlflowErrorCode> = {
  NOT_FOUND: 'RESOURCE_DOES_NOT_EXIST',
  CONFLICT: 'RESOURCE_ALREADY_EXISTS',
  INVALID_INPUT: 'INVALID_PARAMETER_VALUE',
  // MLflow answers INVALID_PARAMETER_VALUE for writes a resource's state refuses (e.g. a deleted run).
  PRECONDITION_FAILED: 'INVALID_PARAMETER_VALUE',
  FORBIDDEN: 'PERMISSION_DENIED',
  POLICY_VIOLATION: 'PERMISSION_DENIED',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  RATE_LIMITED: 'REQUEST_LIMIT_EXCEEDED',
};

/** An error raised by the REST layer itself (routing, auth, request parsing). */
export class MlflowError extends Error {
  readonly code: MlflowErrorCode;
  constructor(code: MlflowErrorCode, message: string) {
    super(message);
    this.name = 'MlflowError';
    this.code = code;
  }
}

export const invalidParameter = (message: string) => new MlflowError('INVALID_PARAMETER_VALUE', message);
export const doesNotExist = (message: string) => new MlflowError('RESOURCE_DOES_NOT_EXIST', message);

export interface MlflowErrorBody {
  error_code: MlflowErrorCode;
  message: string;
}

/**
 * The one place any error thrown while serving an MLflow request becomes MLflow's error body and
 * HTTP status. Unknown errors are INTERNAL_ERROR without their text, which may hold internals.
 */
export function toMlflowErrorResponse(error: unknown): { status: number; body: MlflowErrorBody } {
  const { code, message } = classify(error);
  return { status: HTTP_STATUS[code], body: { error_code: code, message } };
}

function classify(error: unknown): { code: MlflowErrorCode; message: string; isUnexpected?: boolean } {
  if (error instanceof MlflowError) return { code: error.code, message: error.message };
  if (isDomainError(error)) return { code: FROM_DOMAIN[error.code], message: error.message };
  if (error instanceof ZodError) return { code: 'INVALID_PARAMETER_VALUE', message: zodMessage(error) };
  return { code: 'INTERNAL_ERROR', message: 'Internal error while handling the request', isUnexpected: true };
}

export function isUnexpectedError(error: unknown): boolean {
  return classify(error).isUnexpected === true;
}

/** The message of a custom issue for a required field that is absent. */
export const MISSING_VALUE = 'Missing value';

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** MLflow's wording for request-validation failures, naming the parameter as the client spelled it. */
export function zodMessage(error: ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'Invalid request';
  const param = issue.path.map((p) => (typeof p === 'string' ? snake(p) : String(p))).join('.');
  const isMissing =
    (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) ||
    issue.message === MISSING_VALUE;
  if (isMissing) {
    return `Missing value for required parameter '${param}'. See the API docs for more information about request parameters.`;
  }
  return `Invalid value for parameter '${param}' supplied: ${issue.message}`;
}

/**
 * What the worker does with an AWS failure: retry it with backoff, fail the job with the AWS
 * message shown to the user, adopt the resource a previous attempt already created, or treat the
 * resource as gone.
 */
export type AwsErrorKind = 'retryable' | 'permanent' | 'already-exists' | 'not-found';

export interface ClassifiedAwsError {
  kind: AwsErrorKind;
  code: string;
  message: string;
  awsRequestId?: string;
  httpStatus?: number;
}

const THROTTLING = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'ProvisionedThroughputExceeded',
  'ProvisionedThroughputExceededException',
  'SlowDown',
  'BandwidthLimitExceeded',
  'PriorRequestNotComplete',
  'EC2ThrottledException',
]);

const TRANSIENT = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'InternalFailure',
  'InternalError',
  'InternalServerError',
  'InternalServerException',
  'InternalServiceFault',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'TransientError',
  'ConcurrentModificationException',
  // Application Auto Scaling: another change to the same scalable target is in flight.
  'ConcurrentUpdateException',
  'IDPCommunicationError',
  'IDPCommunicationErrorException',
  // Node socket failures, which reach us as error.code (or a cause's) rather than a service error.
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

const ALREADY_EXISTS = new Set([
  'ResourceInUse',
  'ResourceInUseException',
  'ConflictException',
  'ResourceConflict',
  'ResourceAlreadyExists',
  'ResourceAlreadyExistsException',
  'AlreadyExistsException',
  'EntityAlreadyExists',
  'PipelineNameInUseException',
]);

const NOT_FOUND = new Set([
  'ResourceNotFound',
  'ResourceNotFoundException',
  'NotFoundException',
  'NoSuchEntity',
  'PipelineNotFoundException',
  'PipelineExecutionNotFoundException',
  'PipelineVersionNotFoundException',
  'StageNotFoundException',
  'DashboardNotFoundError',
  'ObjectNotFoundException',
]);

// SageMaker reports a duplicate name or a missing resource as a ValidationException; only the
// message tells them apart ("Cannot create already existing endpoint", "Could not find endpoint").
const ALREADY_EXISTS_MESSAGE = /already exist|must be unique|is already in use/i;
const NOT_FOUND_MESSAGE = /could not find|does not exist|not found/i;
const TRANSIENT_MESSAGE = /socket hang up|network error|connection (reset|refused|closed)|timed? ?out/i;

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  Code?: unknown;
  message?: unknown;
  cause?: unknown;
  $fault?: unknown;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: number; requestId?: string };
}

function asErrorLike(value: unknown): ErrorLike | null {
  return typeof value === 'object' && value !== null ? (value as ErrorLike) : null;
}

/** An error's identifying code: SDK errors name it, Node socket errors put it in `code`. */
function codeOf(error: ErrorLike): string {
  for (const candidate of [error.code, error.Code, error.name]) {
    if (typeof candidate === 'string' && candidate !== '' && candidate !== 'Error') return candidate;
  }
  return typeof error.name === 'string' && error.name ? error.name : 'UnknownError';
}

/** The error and its causes: fetch and the SDK's HTTP handler wrap the socket error. */
function chain(error: ErrorLike): ErrorLike[] {
  const links = [error];
  let current = asErrorLike(error.cause);
  while (current && links.length < 5 && !links.includes(current)) {
    links.push(current);
    current = asErrorLike(current.cause);
  }
  return links;
}

function kindOf(
  error: ErrorLike,
  code: string,
  message: string,
  httpStatus: number | undefined,
): AwsErrorKind {
  if (code === 'TeamRoleNotConfigured' || code === 'TeamRoleNotConfiguredError') return 'permanent';
  const links = chain(error);
  const codes = links.map(codeOf);
  if (codes.some((c) => THROTTLING.has(c) || TRANSIENT.has(c))) return 'retryable';
  if (ALREADY_EXISTS.has(code)) return 'already-exists';
  if (NOT_FOUND.has(code)) return 'not-found';
  if (code === 'ValidationException' || code === 'ValidationError' || code === 'InvalidParameterValue') {
    if (ALREADY_EXISTS_MESSAGE.test(message)) return 'already-exists';
    if (NOT_FOUND_MESSAGE.test(message)) return 'not-found';
    return 'permanent';
  }
  if (error.$retryable) return 'retryable';
  if (httpStatus !== undefined && (httpStatus >= 500 || httpStatus === 429)) return 'retryable';
  if (error.$fault === 'server') return 'retryable';
  // A request that never got a response (no status) failed on the way: worth another try.
  if (httpStatus === undefined && links.some((link) => TRANSIENT_MESSAGE.test(String(link.message ?? '')))) {
    return 'retryable';
  }
  return 'permanent';
}

/** Classifies anything an AWS SDK call (or the credentials behind it) can throw. */
export function classifyAwsError(error: unknown): ClassifiedAwsError {
  const like = asErrorLike(error) ?? { message: String(error) };
  const code = codeOf(like);
  const message = typeof like.message === 'string' && like.message ? like.message : code;
  const httpStatus = like.$metadata?.httpStatusCode;
  const awsRequestId = like.$metadata?.requestId;
  return {
    kind: kindOf(like, code, message, httpStatus),
    code,
    message,
    ...(awsRequestId ? { awsRequestId } : {}),
    ...(httpStatus !== undefined ? { httpStatus } : {}),
  };
}

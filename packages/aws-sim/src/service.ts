import type { IncomingHttpHeaders } from 'node:http';
import type { Caller } from './core/caller';

/** One HTTP request as every service handler sees it: body already read, request id assigned. */
export interface SimRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  requestId: string;
  /** Access key id from the SigV4 Authorization header, when the request was signed. */
  accessKeyId: string | undefined;
  /** Region from the SigV4 credential scope; us-east-1 for unsigned requests. */
  region: string;
  /** The authenticated caller; the router refuses unsigned calls before a service sees them. */
  caller: Caller | undefined;
}

export interface SimResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * A simulated AWS service. The router picks one by SigV4 signing name first, then by the
 * protocol's own markers, because unsigned requests (anonymous SDK calls, curl) have no scope.
 */
export interface SimService {
  /** SigV4 signing name, also the name reported by the health endpoint: `sts`, `sagemaker`, ... */
  name: string;
  /** How errors are spelled on the wire: awsJson (`__type`) or awsQuery (XML `Code`). */
  protocol: 'json' | 'query';
  /** awsJson services: the `X-Amz-Target` prefix before the dot, e.g. `SageMaker`. */
  targetPrefix?: string;
  /** awsQuery services: the `Version` form field, e.g. `2011-06-15`. */
  queryVersion?: string;
  handle(request: SimRequest): Promise<SimResponse> | SimResponse;
  /** Renders an error raised outside the handler (auth, injected faults) in this service's protocol. */
  errorResponse(requestId: string, error: SimError): SimResponse;
}

/** An AWS error answer: `code` becomes the SDK exception's `name`. */
export class SimError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = code;
  }
}

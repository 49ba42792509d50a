import type { SimResponse } from '../service';
import type { Caller } from './caller';

/** One answered AWS request, so a test can check the worker sent only what AWS would accept. */
export interface RequestLogEntry {
  at: string;
  requestId: string;
  service: string;
  operation: string;
  status: number;
  errorCode?: string;
  errorMessage?: string;
  /** True for throttling/5xx/denials made up by fault rules: rejections the caller did not earn. */
  isInjected: boolean;
  accessKeyId?: string;
  roleArn?: string;
  sourceIdentity?: string;
}

const QUERY_CODE = /<Code>([^<]*)<\/Code>/;
const QUERY_MESSAGE = /<Message>([^<]*)<\/Message>/;

/** Reads the error code and message back out of an answer in either protocol. */
export function errorOf(response: SimResponse): { code: string; message: string } | undefined {
  if (response.status < 400) return undefined;
  const code = QUERY_CODE.exec(response.body)?.[1];
  if (code !== undefined) return { code, message: QUERY_MESSAGE.exec(response.body)?.[1] ?? '' };
  try {
    const parsed = JSON.parse(response.body) as { __type?: string; message?: string };
    return { code: parsed.__type ?? 'Unknown', message: parsed.message ?? '' };
  } catch {
    return { code: 'Unknown', message: response.body.slice(0, 200) };
  }
}

/** The most recent requests, oldest dropped first, so a long demo does not grow without bound. */
export class RequestLog {
  private entries: RequestLogEntry[] = [];

  constructor(private readonly limit = 5_000) {}

  add(
    base: { requestId: string; service: string; operation: string; caller: Caller | undefined },
    response: SimResponse,
    isInjected: boolean,
  ): void {
    const error = errorOf(response);
    this.entries.push({
      at: new Date().toISOString(),
      requestId: base.requestId,
      service: base.service,
      operation: base.operation,
      status: response.status,
      errorCode: error?.code,
      errorMessage: error?.message,
      isInjected,
      accessKeyId: base.caller?.accessKeyId,
      roleArn: base.caller?.roleArn,
      sourceIdentity: base.caller?.sourceIdentity,
    });
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
  }

  list(filter: {
    service?: string;
    operation?: string;
    isError?: boolean;
    isInjected?: boolean;
  }): RequestLogEntry[] {
    return this.entries.filter(
      (entry) =>
        (filter.service === undefined || entry.service === filter.service) &&
        (filter.operation === undefined || entry.operation === filter.operation) &&
        (filter.isError === undefined || entry.status >= 400 === filter.isError) &&
        (filter.isInjected === undefined || entry.isInjected === filter.isInjected),
    );
  }

  clear(): void {
    this.entries = [];
  }
}

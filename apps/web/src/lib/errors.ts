import type { z } from 'zod';

/** The shape of `error.data` our API's error formatter produces. */
interface ApiErrorData {
  code?: string;
  httpStatus?: number;
  field?: string | null;
  fieldErrors?: Record<string, string[] | undefined> | null;
}

function dataOf(error: unknown): ApiErrorData | null {
  if (typeof error !== 'object' || error === null || !('data' in error)) return null;
  const data = (error as { data: unknown }).data;
  return typeof data === 'object' && data !== null ? (data as ApiErrorData) : null;
}

export function errorCode(error: unknown): string | null {
  return dataOf(error)?.code ?? null;
}

export function isNotFoundError(error: unknown): boolean {
  const code = errorCode(error);
  // A malformed id never names a real object: the same answer as a foreign one.
  return code === 'NOT_FOUND' || code === 'BAD_REQUEST';
}

/** A sentence for a notification or an alert. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) {
    if (dataOf(error)?.fieldErrors) return 'Some fields need attention.';
    return error.message;
  }
  return 'Something went wrong. Try again.';
}

export type FieldErrors = Record<string, string>;

/** Field messages from the server: zod field errors, or the field a domain error points at. */
export function serverFieldErrors(error: unknown): FieldErrors {
  const data = dataOf(error);
  const out: FieldErrors = {};
  for (const [field, messages] of Object.entries(data?.fieldErrors ?? {})) {
    const first = messages?.[0];
    if (first) out[field] = first;
  }
  if (data?.field && error instanceof Error) out[data.field] = error.message;
  return out;
}

/** The same messages from a client-side parse with the schema the server uses. */
export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '');
    if (field && !out[field]) out[field] = issue.message;
  }
  return out;
}

/**
 * A form's submit: `values` checked with the server's own schema; the fields' messages shown when
 * they fail, else the parsed input sent.
 */
export function sendIfValid<Schema extends z.ZodType>(
  schema: Schema,
  values: unknown,
  setErrors: (errors: FieldErrors) => void,
  send: (input: z.output<Schema>) => void,
): void {
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    setErrors(zodFieldErrors(parsed.error));
    return;
  }
  send(parsed.data);
}

/**
 * Like zodFieldErrors, keyed by the whole path ("metricGates.0.threshold") so rows of a list get
 * their own messages; a prefix the form does not show ("policy.") is dropped.
 */
export function zodPathErrors(error: z.ZodError, dropPrefix = ''): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    let field = issue.path.map(String).join('.');
    if (dropPrefix && field.startsWith(dropPrefix)) field = field.slice(dropPrefix.length);
    if (field && !out[field]) out[field] = issue.message;
  }
  return out;
}

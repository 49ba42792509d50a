import { SimError, type SimResponse } from '../service';

export type JsonInput = Record<string, unknown>;

/** awsJson request bodies are one JSON object; anything else is what AWS calls a SerializationException. */
export function parseJsonInput(body: Buffer): JsonInput {
  const text = body.toString('utf8').trim();
  if (text === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new SimError('SerializationException', 'Start of structure or map found where not expected.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new SimError('SerializationException', 'Expected a JSON object as the request body.');
  }
  return parsed as JsonInput;
}

/** Dates leave as epoch seconds, which is how awsJson serializes timestamps. */
function toWire(value: unknown): unknown {
  if (value instanceof Date) return value.getTime() / 1000;
  if (Array.isArray(value)) return value.map(toWire);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item !== undefined) out[key] = toWire(item);
    }
    return out;
  }
  return value;
}

export function jsonResult(requestId: string, contentType: string, body: unknown): SimResponse {
  return {
    status: 200,
    headers: { 'content-type': contentType, 'x-amzn-RequestId': requestId },
    body: JSON.stringify(toWire(body)),
  };
}

/**
 * The awsJson error document. The SDK takes the exception name from `__type` (after any `#`);
 * `x-amzn-ErrorType` carries the same for clients that read headers first.
 */
export function jsonError(requestId: string, contentType: string, error: SimError): SimResponse {
  return {
    status: error.status,
    headers: {
      'content-type': contentType,
      'x-amzn-RequestId': requestId,
      'x-amzn-ErrorType': error.code,
    },
    body: JSON.stringify({ __type: error.code, message: error.message }),
  };
}

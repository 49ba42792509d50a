import { DomainError } from '@cairn/core/errors';

/** Opaque page tokens: base64url JSON, so clients pass them back untouched. */
export function encodePageToken(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodePageToken<T>(token: string, isValid: (value: unknown) => value is T): T {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  if (!isValid(value)) throw new DomainError('INVALID_INPUT', 'Invalid page token', { field: 'pageToken' });
  return value;
}

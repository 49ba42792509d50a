import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  errorMessage,
  isNotFoundError,
  sendIfValid,
  serverFieldErrors,
  zodFieldErrors,
  zodPathErrors,
} from './errors';

function apiError(message: string, data: object) {
  return Object.assign(new Error(message), { data });
}

describe('errors', () => {
  it('reads zod field errors sent by the server', () => {
    const error = apiError('invalid', { code: 'BAD_REQUEST', fieldErrors: { name: ['Name is required'] } });
    expect(serverFieldErrors(error)).toEqual({ name: 'Name is required' });
    expect(errorMessage(error)).toBe('Some fields need attention.');
  });

  it('points a domain error at its field', () => {
    const error = apiError('No user with this email', { code: 'NOT_FOUND', field: 'email' });
    expect(serverFieldErrors(error)).toEqual({ email: 'No user with this email' });
  });

  it('treats foreign and malformed ids alike', () => {
    expect(isNotFoundError(apiError('Team not found', { code: 'NOT_FOUND' }))).toBe(true);
    expect(isNotFoundError(apiError('Must be a valid id', { code: 'BAD_REQUEST' }))).toBe(true);
    expect(isNotFoundError(apiError('No', { code: 'FORBIDDEN' }))).toBe(false);
  });

  it('keeps the first message per field from a client-side parse', () => {
    const schema = z.object({ name: z.string().min(1, 'Name is required').max(3, 'Too long') });
    const parsed = schema.safeParse({ name: '' });
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(zodFieldErrors(parsed.error)).toEqual({ name: 'Name is required' });
  });

  it('keys nested messages by their whole path, without the prefix the form hides', () => {
    const schema = z.object({
      policy: z.object({ gates: z.array(z.object({ threshold: z.number({ message: 'Needs a number' }) })) }),
    });
    const parsed = schema.safeParse({ policy: { gates: [{ threshold: 1 }, { threshold: 'x' }] } });
    expect(parsed.success).toBe(false);
    if (!parsed.success)
      expect(zodPathErrors(parsed.error, 'policy.')).toEqual({ 'gates.1.threshold': 'Needs a number' });
  });
});

describe('sendIfValid', () => {
  const schema = z.object({ name: z.string().trim().min(1, 'Needs a name'), size: z.coerce.number() });

  it('sends the parsed input and sets no errors when the values pass', () => {
    const sent: unknown[] = [];
    const errors: unknown[] = [];
    sendIfValid(
      schema,
      { name: ' a ', size: '3' },
      (e) => errors.push(e),
      (input) => sent.push(input),
    );
    expect(sent).toEqual([{ name: 'a', size: 3 }]);
    expect(errors).toEqual([]);
  });

  it("shows the fields' messages and sends nothing when they fail", () => {
    const sent: unknown[] = [];
    const errors: unknown[] = [];
    sendIfValid(
      schema,
      { name: ' ', size: 1 },
      (e) => errors.push(e),
      (input) => sent.push(input),
    );
    expect(sent).toEqual([]);
    expect(errors).toEqual([{ name: 'Needs a name' }]);
  });
});

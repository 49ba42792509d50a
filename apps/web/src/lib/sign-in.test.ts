import { describe, expect, it } from 'vitest';
import { safeCallbackUrl, signInErrorMessage, signInReasonMessage } from './sign-in';

describe('safeCallbackUrl', () => {
  it('keeps same-site paths with their query', () => {
    expect(safeCallbackUrl('/teams/abc/projects?archived=1')).toBe('/teams/abc/projects?archived=1');
  });

  it.each([
    'https://evil.example/',
    '//evil.example/path',
    '/\\evil.example',
    'javascript:alert(1)',
    '',
    undefined,
  ])('sends %s home', (value) => {
    expect(safeCallbackUrl(value)).toBe('/');
  });

  it('does not loop back to the sign-in page or into the API', () => {
    expect(safeCallbackUrl('/signin?reason=expired')).toBe('/');
    expect(safeCallbackUrl('/api/auth/signout')).toBe('/');
  });
});

describe('sign-in messages', () => {
  it('maps known error codes and never echoes unknown text from the URL', () => {
    expect(signInErrorMessage('AccountDisabled')).toMatch(/disabled/);
    expect(signInErrorMessage('Call 555-0100 to unlock your account')).toBe('Sign-in failed. Try again.');
    expect(signInErrorMessage(undefined)).toBeNull();
  });

  it('explains why the user is back on the sign-in page', () => {
    expect(signInReasonMessage('expired')).toMatch(/expired/);
    expect(signInReasonMessage('other')).toBeNull();
  });
});

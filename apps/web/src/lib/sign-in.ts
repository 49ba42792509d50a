/** Errors the sign-in page can be sent back with; anything else in the URL is not shown verbatim. */
const SIGN_IN_ERRORS: Record<string, string> = {
  AccountDisabled: 'This account is disabled. Ask an administrator.',
  OidcEmailMissing: 'Your identity provider did not share a verified email address.',
  Unavailable: 'Sign-in is unavailable right now. Try again shortly.',
  AccessDenied: 'Access denied.',
  OAuthSignin: 'Could not reach the identity provider. Try again.',
  OAuthCallback: 'The identity provider returned an error. Try again.',
  Callback: 'Sign-in could not be completed. Try again.',
  CredentialsSignin: 'Wrong email or password.',
  SessionRequired: 'Sign in to continue.',
};

export function signInErrorMessage(code: string | undefined): string | null {
  if (!code) return null;
  return SIGN_IN_ERRORS[code] ?? 'Sign-in failed. Try again.';
}

const SIGN_IN_REASONS: Record<string, string> = {
  expired: 'Your session expired. Sign in again to continue.',
  'signed-out': 'Your session has ended. Sign in again to continue.',
};

export function signInReasonMessage(reason: string | undefined): string | null {
  return reason ? (SIGN_IN_REASONS[reason] ?? null) : null;
}

/** Only same-site paths: a crafted link must not bounce a fresh session to another origin. */
export function safeCallbackUrl(value: string | undefined | null): string {
  if (!value?.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  if (value.startsWith('/signin') || value.startsWith('/api/')) return '/';
  return value;
}

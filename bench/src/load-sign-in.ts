/**
 * Signs in through next-auth's credentials provider as the sign-in form does, and returns the
 * Cookie header that carries the session: fetch the CSRF token (its cookie and value), post the
 * credentials with both, keep the session cookie the callback sets.
 */
export async function signInCookie(webUrl: string, email: string, password: string): Promise<string> {
  const csrfResponse = await fetch(`${webUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const cookies = new Map(cookiePairs(csrfResponse.headers.getSetCookie()));
  const callback = await fetch(`${webUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: webUrl,
      cookie: cookieHeader(cookies),
    },
    body: new URLSearchParams({ csrfToken, email, password, json: 'true', callbackUrl: webUrl }),
  });
  for (const [name, value] of cookiePairs(callback.headers.getSetCookie())) cookies.set(name, value);
  if (![...cookies.keys()].some((name) => name.includes('session-token')))
    throw new Error(`Sign-in as ${email} set no session cookie (status ${callback.status})`);
  return cookieHeader(cookies);
}

function cookiePairs(setCookies: string[]): [string, string][] {
  return setCookies.map((line) => {
    const pair = line.split(';')[0] ?? '';
    const at = pair.indexOf('=');
    return [pair.slice(0, at), pair.slice(at + 1)];
  });
}

const cookieHeader = (cookies: Map<string, string>) =>
  [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');

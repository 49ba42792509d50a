import { isDomainError } from '@cairn/core/errors';
import { signInWithPassword } from '@cairn/services/auth/sign-in-with-password';
import { upsertOidcUser } from '@cairn/services/auth/upsert-oidc-user';
import { headers } from 'next/headers';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import type { OAuthConfig } from 'next-auth/providers/oauth';
import { env } from '~/env';
import { db } from './db';
import { requestMetaFromHeaders } from './request-meta';
import { encodeSession } from './session-cookie';
import {
  ABSOLUTE_LIFETIME_SECONDS,
  IDLE_TIMEOUT_SECONDS,
  nowSeconds,
  RENEW_AFTER_SECONDS,
} from './session-policy';

export const OIDC_PROVIDER_ID = 'oidc';
export const SIGN_IN_UNAVAILABLE = 'Sign-in is unavailable right now. Try again shortly.';

interface OidcProfile {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
  preferred_username?: string;
}

function toHeaders(raw: Record<string, unknown> | undefined): Headers {
  const headers = new Headers();
  for (const [key, value] of Object.entries(raw ?? {})) {
    if (typeof value === 'string') headers.set(key, value);
  }
  return headers;
}

/** Only domain errors carry a message meant for the person signing in. */
function userFacingMessage(error: unknown): string {
  if (isDomainError(error)) return error.message;
  console.error('sign-in failed', error);
  return SIGN_IN_UNAVAILABLE;
}

const anonymousActor = (label: string) => ({ kind: 'anonymous' as const, label });

// Demo logins exist only in demo mode: a production install never accepts a password.
const credentialsProvider = CredentialsProvider({
  id: 'credentials',
  name: 'Email and password',
  credentials: {
    email: { label: 'Email', type: 'email' },
    password: { label: 'Password', type: 'password' },
  },
  async authorize(credentials, req) {
    const request = requestMetaFromHeaders(toHeaders(req.headers));
    try {
      const result = await signInWithPassword(
        { db, actor: anonymousActor('sign-in'), request },
        { email: credentials?.email ?? '', password: credentials?.password ?? '' },
      );
      return { id: result.userId, email: result.email, name: result.name };
    } catch (error) {
      throw new Error(userFacingMessage(error));
    }
  },
});

function oidcProvider(config: NonNullable<typeof env.oidc>): OAuthConfig<OidcProfile> {
  return {
    id: OIDC_PROVIDER_ID,
    name: config.name,
    type: 'oauth',
    wellKnown: `${config.issuer}/.well-known/openid-configuration`,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    authorization: { params: { scope: 'openid email profile' } },
    idToken: true,
    checks: ['pkce', 'state'],
    profile(profile) {
      return {
        id: profile.sub,
        email: profile.email ?? null,
        name: profile.name ?? profile.preferred_username ?? null,
      };
    },
  };
}

export const authOptions: NextAuthOptions = {
  secret: env.nextAuthSecret,
  useSecureCookies: env.useSecureCookies,
  session: { strategy: 'jwt', maxAge: IDLE_TIMEOUT_SECONDS, updateAge: RENEW_AFTER_SECONDS },
  jwt: {
    maxAge: IDLE_TIMEOUT_SECONDS,
    encode: ({ token, maxAge }) => encodeSession(token ?? {}, maxAge ?? IDLE_TIMEOUT_SECONDS),
  },
  pages: { signIn: '/signin', error: '/signin' },
  providers: [...(env.isDemo ? [credentialsProvider] : []), ...(env.oidc ? [oidcProvider(env.oidc)] : [])],
  callbacks: {
    async signIn({ user, account, profile }) {
      if (account?.provider !== OIDC_PROVIDER_ID) return true;
      const oidc = profile as OidcProfile | undefined;
      if (!oidc?.email || oidc.email_verified === false) return '/signin?error=OidcEmailMissing';
      try {
        const result = await upsertOidcUser(
          { db, actor: anonymousActor(oidc.email), request: requestMetaFromHeaders(await headers()) },
          {
            provider: OIDC_PROVIDER_ID,
            subject: account.providerAccountId,
            email: oidc.email,
            name: oidc.name ?? null,
          },
          { orgAdminEmails: env.orgAdminEmails },
        );
        // next-auth hands this same object to the jwt callback: carry the Cairn user id over.
        user.id = result.userId;
        return true;
      } catch (error) {
        if (isDomainError(error) && error.code === 'UNAUTHENTICATED') return '/signin?error=AccountDisabled';
        console.error('OIDC sign-in failed', error);
        return '/signin?error=Unavailable';
      }
    },
    async jwt({ token, user }) {
      if (user) {
        return { sub: user.id, userId: user.id, name: user.name, email: user.email, authTime: nowSeconds() };
      }
      const authTime = typeof token.authTime === 'number' ? token.authTime : 0;
      // Throwing makes next-auth clear the cookie instead of extending an expired session.
      if (nowSeconds() >= authTime + ABSOLUTE_LIFETIME_SECONDS) throw new Error('Session expired');
      return token;
    },
    async session({ session }) {
      return session;
    },
  },
};

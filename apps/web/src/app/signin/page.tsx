import { DEMO_PASSWORD, DEMO_USERS } from '@cairn/services/demo/seed-demo';
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { env } from '~/env';
import { safeCallbackUrl, signInErrorMessage, signInReasonMessage } from '~/lib/sign-in';
import { OIDC_PROVIDER_ID } from '~/server/auth';
import { getSessionUser } from '~/server/session';
import { SignInForm } from './sign-in-form';

export const metadata: Metadata = { title: 'Sign in' };

interface SignInPageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function SignInPage({ searchParams }: SignInPageProps) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(first(params.callbackUrl));
  if (await getSessionUser()) redirect(callbackUrl);
  return (
    <SignInForm
      callbackUrl={callbackUrl}
      isPasswordEnabled={env.isDemo}
      oidc={env.oidc ? { id: OIDC_PROVIDER_ID, name: env.oidc.name } : null}
      initialError={signInErrorMessage(first(params.error))}
      notice={signInReasonMessage(first(params.reason))}
      demo={
        env.isDemo
          ? { password: DEMO_PASSWORD, users: DEMO_USERS.map(({ email, name }) => ({ email, name })) }
          : null
      }
    />
  );
}

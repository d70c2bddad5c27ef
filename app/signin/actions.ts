'use server';

import { AuthError, CredentialsSignin } from 'next-auth';
import { unstable_rethrow } from 'next/navigation';
import { OIDC_PROVIDER_ID, signIn } from '@/server/auth/auth';
import type { SignInState } from '@/components/auth/sign-in-form';

/** Only same-site relative paths are allowed as the place to land after sign-in. */
function safeNext(value: FormDataEntryValue | null): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  return value;
}

export async function signInWithPassword(_prev: SignInState, form: FormData): Promise<SignInState> {
  try {
    await signIn('credentials', {
      email: form.get('email'),
      password: form.get('password'),
      redirectTo: safeNext(form.get('next')),
    });
    return { error: null };
  } catch (err) {
    unstable_rethrow(err);
    if (err instanceof CredentialsSignin) {
      return { error: err.code === 'rate_limited' ? 'rate_limited' : 'invalid_credentials' };
    }
    if (err instanceof AuthError) return { error: 'generic' };
    console.error('[signin] unexpected error', err);
    return { error: 'generic' };
  }
}

export async function signInWithSso(form: FormData): Promise<void> {
  await signIn(OIDC_PROVIDER_ID, { redirectTo: safeNext(form.get('next')) });
}

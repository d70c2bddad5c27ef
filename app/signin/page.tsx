import { getTranslations } from 'next-intl/server';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/sign-in-form';
import type { SignInError } from '@/components/auth/sign-in-form';
import { getCurrentUser } from '@/server/auth/session';
import { env } from '@/server/env';
import { signInWithPassword, signInWithSso } from './actions';

export async function generateMetadata() {
  const t = await getTranslations('signIn');
  return { title: t('title') };
}

function errorFromQuery(error: string | string[] | undefined, code: string | string[] | undefined): SignInError | null {
  if (error === 'sso_unknown' || error === 'AccessDenied') return 'sso_unknown';
  if (error === 'CredentialsSignin') return code === 'rate_limited' ? 'rate_limited' : 'invalid_credentials';
  return error ? 'generic' : null;
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const next = typeof params.next === 'string' ? params.next : '/';
  if (await getCurrentUser()) redirect(next.startsWith('/') && !next.startsWith('//') ? next : '/');
  const t = await getTranslations('signIn');
  const oidc = env().oidc;
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-md flex-col justify-center p-4 sm:p-6">
      <p className="mb-2 text-2xl font-black tracking-tight text-blue-800">Accord</p>
      <h1 className="mb-2 text-3xl font-bold">{t('title')}</h1>
      <p className="mb-6 text-zinc-700">{t('intro')}</p>
      <div className="card">
        <SignInForm action={signInWithPassword} next={next} initialError={errorFromQuery(params.error, params.code)} />
        {oidc && (
          <>
            <p className="my-4 text-center text-sm text-zinc-700">{t('or')}</p>
            <form action={signInWithSso}>
              <input type="hidden" name="next" value={next} />
              <button type="submit" className="btn-secondary w-full">
                {t('sso', { name: oidc.name })}
              </button>
            </form>
          </>
        )}
      </div>
    </main>
  );
}

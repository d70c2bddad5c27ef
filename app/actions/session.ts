'use server';

import { cookies } from 'next/headers';
import { signOut } from '@/server/auth/auth';
import { getCurrentUser } from '@/server/auth/session';
import { setUserLocale } from '@/server/auth/set-user-locale';
import { LOCALE_COOKIE, isLocale } from '@/app/i18n/locales';

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: '/signin' });
}

export async function setLocaleAction(form: FormData): Promise<void> {
  const locale = form.get('locale');
  if (!isLocale(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale, { path: '/', maxAge: 60 * 60 * 24 * 365, sameSite: 'lax' });
  const user = await getCurrentUser();
  if (user) await setUserLocale(user.id, locale);
}

import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { getCurrentUser } from '@/server/auth/session';
import type { Locale } from './locales';
import { LOCALE_COOKIE, isLocale, localeFromAcceptLanguage } from './locales';

/**
 * No locale in the URL. In order: the cookie (set from the profile menu on this device),
 * the language the signed-in person chose on any device (saved on their account; only
 * read when there is no cookie, so it costs a lookup on a new device's first pages), the
 * browser's language.
 */
async function localeWithoutCookie(): Promise<Locale> {
  let saved: string | null = null;
  try {
    saved = (await getCurrentUser())?.locale ?? null;
  } catch {
    // Rendering without a request session (a not-found page, a build step): no account to ask.
  }
  return isLocale(saved) ? saved : localeFromAcceptLanguage((await headers()).get('accept-language'));
}

export default getRequestConfig(async () => {
  const fromCookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale = isLocale(fromCookie) ? fromCookie : await localeWithoutCookie();
  const messages = (await import(`./messages/${locale}.json`)).default;
  return { locale, messages, timeZone: 'UTC' };
});

import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { getCurrentUser } from '@/server/auth/session';
import { LOCALE_COOKIE, isLocale, localeFromAcceptLanguage } from './locales';

/**
 * No locale in the URL. In order: the cookie (set from the profile menu on this device),
 * the language the signed-in person chose on any device (saved on their account; only
 * read when there is no cookie, so it costs a lookup on a new device's first pages), the
 * browser's language.
 */
async function savedLocale(): Promise<string | null> {
  try {
    return (await getCurrentUser())?.locale ?? null;
  } catch {
    // Rendering without a request session (a not-found page, a build step): no account to ask.
    return null;
  }
}

export default getRequestConfig(async () => {
  const fromCookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  const fromAccount = isLocale(fromCookie) ? null : await savedLocale();
  const locale = isLocale(fromCookie) ? fromCookie : isLocale(fromAccount) ? fromAccount : localeFromAcceptLanguage((await headers()).get('accept-language'));
  const messages = (await import(`./messages/${locale}.json`)).default;
  return { locale, messages, timeZone: 'UTC' };
});

import { NextIntlClientProvider } from 'next-intl';
import { getMessages } from 'next-intl/server';
import type { ReactNode } from 'react';

/** The bargaining screens' client components need the IBB messages the root layout leaves out (app/i18n/client-messages.ts). */
export default async function IbbLayout({ children }: { children: ReactNode }) {
  return <NextIntlClientProvider messages={await getMessages()}>{children}</NextIntlClientProvider>;
}

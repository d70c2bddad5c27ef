import type { Metadata, Viewport } from 'next';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getMessages, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { HydrationMarker } from '../components/shell/hydration-marker';
import { ServiceWorkerRegistration } from '../components/shell/service-worker-registration';
import { IBB_NAMESPACES, withoutNamespaces } from './i18n/client-messages';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('app');
  return { title: { default: 'Accord', template: '%s · Accord' }, description: t('tagline') };
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const messages = await getMessages();
  const t = await getTranslations('app');
  return (
    <html lang={locale}>
      <body className="min-h-screen">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2">
          {t('skipToContent')}
        </a>
        <NextIntlClientProvider locale={locale} messages={withoutNamespaces(messages, IBB_NAMESPACES)}>
          {children}
        </NextIntlClientProvider>
        <HydrationMarker />
        <ServiceWorkerRegistration />
      </body>
    </html>
  );
}

import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

export default async function NotFound() {
  const t = await getTranslations('notFound');
  return (
    <main id="main" className="mx-auto max-w-xl p-6">
      <h1 className="mb-2 text-3xl font-bold">{t('title')}</h1>
      <p className="mb-4 text-lg">{t('body')}</p>
      <Link href="/" className="btn-primary">
        {t('home')}
      </Link>
    </main>
  );
}

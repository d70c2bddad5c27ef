import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { requirePageUser } from '@/server/http/page-guards';
import { listMyPartnerships } from '@/server/partnerships/list-my-partnerships';
import { ShellHeader } from './_shell/shell-header';

export default async function HomePage({ searchParams }: { searchParams: Promise<{ all?: string }> }) {
  const user = await requirePageUser();
  const partnerships = await listMyPartnerships(user.id);
  const { all } = await searchParams;
  // Most people belong to one partnership: take them straight to it.
  const [only] = partnerships;
  if (partnerships.length === 1 && only && all !== '1') redirect(`/p/${only.id}`);
  const t = await getTranslations('home');
  const tp = await getTranslations('parties');
  const tr = await getTranslations('roles');
  return (
    <>
      <ShellHeader user={user} />
      <main id="main" className="mx-auto max-w-6xl p-4">
        <h1 className="mb-4 text-3xl font-bold">{t('title')}</h1>
        {partnerships.length === 0 ? (
          <p className="card text-lg">{t('none')}</p>
        ) : (
          <ul className="grid gap-4 sm:grid-cols-2">
            {partnerships.map((p) => (
              <li key={p.id} className="card">
                <h2 className="text-xl font-bold">
                  <Link href={`/p/${p.id}`} className="hover:underline">
                    {p.name}
                  </Link>
                </h2>
                <p className="text-zinc-700">
                  {p.districtName} · {p.unionName}
                </p>
                <p className="mt-2 text-sm">{t('yourRole', { role: tr(p.role), party: tp(p.party) })}</p>
              </li>
            ))}
          </ul>
        )}
      </main>
    </>
  );
}

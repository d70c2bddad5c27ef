'use client';

import { useLocale, useTranslations } from 'next-intl';
import { activeCaucuses } from './clock';

/** "Labor in caucus until 14:30": the only thing anyone outside a party learns about its caucus. */
export function CaucusBanner({ caucuses: all, serverNow, className = 'text-xl' }: { caucuses: { party: string; until: string }[]; serverNow: number | null; className?: string }) {
  const t = useTranslations('ibbSession.caucus');
  const tp = useTranslations('parties');
  const locale = useLocale();
  const caucuses = serverNow === null ? all : activeCaucuses(all, serverNow);
  if (caucuses.length === 0) return null;
  // Times are shown on this device's clock, after mount (the server render has no time zone).
  const format = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' });
  return (
    <ul role="status" aria-live="polite" className="space-y-1" data-testid="caucus-banner">
      {caucuses.map((c) => {
        const party = c.party === 'labor' || c.party === 'management' ? tp(c.party) : c.party;
        return (
          <li key={c.party} className={`rounded-md border-2 border-zinc-900 px-3 py-2 font-bold party-${c.party} ${className}`}>
            {serverNow === null ? t('bannerNoTime', { party }) : t('banner', { party, time: format.format(new Date(c.until)) })}
          </li>
        );
      })}
    </ul>
  );
}

import type { AbstractIntlMessages } from 'next-intl';

/**
 * Message namespaces only the bargaining screens' client components read
 * (components/ibb): ~24 KB of the ~37 KB of English messages. The root layout leaves them
 * out of what every page sends to the browser; app/p/[partnershipId]/ibb/layout.tsx sends
 * the whole set to the pages under it. Server components read any namespace either way.
 */
export const IBB_NAMESPACES = ['ibbSession', 'ibbRecords', 'ibbNew'] as const;

export function withoutNamespaces(messages: AbstractIntlMessages, drop: readonly string[]): AbstractIntlMessages {
  return Object.fromEntries(Object.entries(messages).filter(([namespace]) => !drop.includes(namespace)));
}

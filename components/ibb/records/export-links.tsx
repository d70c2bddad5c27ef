'use client';

import { useTranslations } from 'next-intl';

const FORMATS = ['pdf', 'docx', 'html', 'csv', 'json'] as const;

/**
 * Downloads of the session record (any participant, at any time). The record holds the
 * shared table only — never caucus content. HTML opens in a new tab for printing.
 */
export function ExportLinks({ sessionId }: { sessionId: string }) {
  const t = useTranslations('ibbRecords.exportLinks');
  const href = (format: (typeof FORMATS)[number]) => `/api/ibb/${encodeURIComponent(sessionId)}/export/${format}`;
  return (
    <nav aria-labelledby="ibb-export-heading" className="grid gap-2">
      <h3 id="ibb-export-heading" className="text-lg font-semibold">
        {t('title')}
      </h3>
      <p className="text-sm text-zinc-700">{t('hint')}</p>
      <ul className="flex flex-wrap gap-2">
        {FORMATS.map((format) => (
          <li key={format}>
            {format === 'html' ? (
              <a className="btn-secondary" href={href(format)} target="_blank" rel="noopener noreferrer">
                {t(format)}
              </a>
            ) : (
              <a className="btn-secondary" href={href(format)} download>
                {t(format)}
              </a>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
